//! Mail: mbox files (Google Takeout, Thunderbird) and folders of .eml files. Only the headers are
//! read (with mail-parser), as a stream: a multi-gigabyte mbox is read in constant memory, and
//! bodies are skipped without being kept.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use mail_parser::{Address, HeaderValue, MessageParser};

use super::{Capture, Captured, Clock, DayGroups, Identity, Kind, Person};
use crate::formats::Format;
use crate::formats::source::ImportError;
use crate::model::Initiator;

/// A line longer than this is cut (its rest is read and dropped), so a binary file with no line
/// breaks cannot fill the memory.
const MAX_LINE: usize = 64 << 10;
/// Headers beyond this size are not kept.
const MAX_HEADERS: usize = 1 << 20;
/// How often (in lines) progress is reported.
const PROGRESS_EVERY: usize = 1 << 14;

pub(super) const NEEDS_ME: &str = "Rapport cannot tell which messages are yours; give your email \
     address with --me you@example.org, then import again";

/// Whether the start of a text looks like one mail message (an .eml file).
pub(super) fn is_message(t: &str) -> bool {
    const FIRST: [&str; 10] = [
        "received:",
        "return-path:",
        "from:",
        "date:",
        "message-id:",
        "mime-version:",
        "delivered-to:",
        "subject:",
        "to:",
        "x-",
    ];
    let first = t.lines().next().unwrap_or("").to_ascii_lowercase();
    if !FIRST.iter().any(|h| first.starts_with(h)) {
        return false;
    }
    let head: Vec<String> = t
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .take(400)
        .map(str::to_ascii_lowercase)
        .collect();
    let has = |h: &str| head.iter().any(|l| l.starts_with(h));
    has("from:") && (has("date:") || has("message-id:"))
}

/// Reads one line into `buf` (cleared first), keeping at most [`MAX_LINE`] bytes of it. Returns
/// the bytes consumed (0 at the end).
fn read_line<R: BufRead>(r: &mut R, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    buf.clear();
    let mut consumed = 0;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(consumed);
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = MAX_LINE.saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..take.min(room)]);
        r.consume(take);
        consumed += take;
        if done {
            return Ok(consumed);
        }
    }
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| *b == b'\n' || *b == b'\r')
}

/// The state shared by every message of one source.
struct Sink<'a> {
    me: &'a Identity,
    clock: &'a Clock,
    parser: MessageParser,
    groups: DayGroups,
    /// The thread of each (day, subject), so a message with no ids joins a same-day thread.
    subjects: HashMap<(NaiveDate, String), String>,
}

impl<'a> Sink<'a> {
    fn new(me: &'a Identity, clock: &'a Clock) -> Self {
        Self {
            me,
            clock,
            parser: MessageParser::new(),
            groups: DayGroups::new(),
            subjects: HashMap::new(),
        }
    }

    fn finish(self, cap: &mut Capture) {
        cap.items.extend(self.groups.finish());
    }

    /// One message's headers; `line` is where the message starts.
    fn message(&mut self, raw: &[u8], line: usize, cap: &mut Capture) {
        let Some(msg) = self.parser.parse_headers(raw) else {
            cap.problem(line, "the message headers could not be read");
            return;
        };
        let bulk = msg
            .header("Precedence")
            .and_then(HeaderValue::as_text)
            .is_some_and(|p| {
                let p = p.trim().to_ascii_lowercase();
                p == "bulk" || p == "list" || p == "junk"
            });
        if bulk || !msg.list_id().is_empty() || !msg.list_unsubscribe().is_empty() {
            cap.skip("a mailing-list or bulk message (List-Id, List-Unsubscribe or Precedence)");
            return;
        }
        let from = msg
            .from()
            .and_then(Address::first)
            .and_then(|a| a.address())
            .map(|a| a.trim().to_lowercase());
        let Some(from) = from else {
            cap.skip("a message with no sender");
            return;
        };
        if is_automatic(&from) {
            cap.skip("a message from an automatic sender (noreply, mailer-daemon)");
            return;
        }
        let Some(date) = msg
            .date()
            .and_then(|d| DateTime::<Utc>::from_timestamp(d.to_timestamp(), 0))
        else {
            cap.skip("a message with no date");
            return;
        };
        if date > self.clock.now {
            cap.skip("a message dated in the future");
            return;
        }
        let local = self.clock.local(date);
        let day = local.date();
        let mut people: Vec<Person> = Vec::new();
        for list in [msg.from(), msg.to(), msg.cc()].into_iter().flatten() {
            for a in list.iter() {
                let Some(addr) = a.address() else { continue };
                if !addr.contains('@') || self.me.is_email(addr) {
                    continue;
                }
                let p = Person::email(a.name().unwrap_or(""), addr);
                if !people.iter().any(|q| q.email == p.email) {
                    people.push(p);
                }
            }
        }
        let subject = strip_prefixes(msg.subject().unwrap_or(""));
        let norm = subject.to_lowercase();
        let root = first_id(msg.references())
            .or_else(|| first_id(msg.in_reply_to()))
            .or_else(|| msg.message_id().map(str::to_owned))
            .filter(|r| !r.trim().is_empty());
        let key = match root {
            Some(root) => {
                let key = format!("mail:<{}>#{day}", root.trim());
                self.subjects
                    .entry((day, norm))
                    .or_insert_with(|| key.clone());
                key
            }
            None => self
                .subjects
                .entry((day, norm.clone()))
                .or_insert_with(|| format!("mail:subject:{norm}#{day}"))
                .clone(),
        };
        self.groups.add(Captured {
            key,
            date: day,
            time: Some(local.time()),
            kind: Kind::Email,
            minutes: None,
            initiated_by: if self.me.is_email(&from) {
                Initiator::Me
            } else {
                Initiator::Them
            },
            summary: crate::formats::draft::one_line(&subject),
            people,
            by: None,
            line,
        });
    }
}

fn first_id(v: &HeaderValue<'_>) -> Option<String> {
    v.as_text_list()
        .and_then(|l| l.first())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// Senders that are machines: noreply, no-reply, donotreply, mailer-daemon, postmaster.
fn is_automatic(addr: &str) -> bool {
    let local = addr.split('@').next().unwrap_or("").to_ascii_lowercase();
    let squashed: String = local.chars().filter(char::is_ascii_alphanumeric).collect();
    squashed.contains("noreply")
        || squashed.contains("donotreply")
        || squashed.starts_with("mailerdaemon")
        || squashed == "postmaster"
}

/// A subject without its reply and forward prefixes (Re:, Fwd:, Fw:, AW:, WG:, SV:, also
/// repeated or numbered like "Re[2]:").
#[must_use]
pub fn strip_prefixes(subject: &str) -> String {
    let mut s = subject.trim();
    loop {
        let lower = s.to_ascii_lowercase();
        let mut cut = None;
        for p in ["re", "fwd", "fw", "aw", "wg", "sv", "vs", "tr"] {
            if let Some(rest) = lower.strip_prefix(p) {
                let rest_trim = rest.trim_start_matches(|c: char| {
                    c == '[' || c == ']' || c.is_ascii_digit() || c == '(' || c == ')'
                });
                if let Some(after) = rest_trim.strip_prefix(':') {
                    cut = Some(s.len() - after.len());
                    break;
                }
            }
        }
        match cut {
            Some(i) => s = s[i..].trim_start(),
            None => return s.to_owned(),
        }
    }
}

/// What every mail reader starts from: the user's own addresses, to tell who the other side of
/// each message is, and the clock.
pub(super) struct MailReader<'a> {
    me: &'a Identity,
    clock: &'a Clock,
}

impl<'a> MailReader<'a> {
    /// The prologue of every mail reader: mail is matched to people by address, so the user's
    /// own addresses (Settings > Who you are) must be known first.
    pub(super) fn new(me: &'a Identity, clock: &'a Clock) -> Result<Self, ImportError> {
        if me.has_email() {
            Ok(Self { me, clock })
        } else {
            Err(ImportError::Capture(NEEDS_ME.to_owned()))
        }
    }

    /// Reads an mbox as a stream.
    pub(super) fn mbox(
        &self,
        path: &Path,
        progress: &mut dyn FnMut(u64, u64) -> bool,
    ) -> Result<Capture, ImportError> {
        let file = File::open(path).map_err(|e| ImportError::Io(super::io_message(&e)))?;
        let total = file.metadata().map_or(0, |m| m.len());
        if total == 0 {
            return Err(ImportError::Empty);
        }
        let mut cap = Capture::new(Format::Mbox, path);
        scan_mbox(
            BufReader::with_capacity(1 << 20, file),
            total,
            self.me,
            self.clock,
            &mut cap,
            progress,
        )?;
        Ok(cap)
    }

    /// An mbox already in memory (tests and benchmarks).
    pub(super) fn mbox_bytes(&self, bytes: &[u8], cap: &mut Capture) -> Result<(), ImportError> {
        scan_mbox(
            bytes,
            bytes.len() as u64,
            self.me,
            self.clock,
            cap,
            &mut |_, _| true,
        )
    }

    /// A folder of .eml files: the headers of each, grouped into threads as one source.
    pub(super) fn eml_folder(
        &self,
        dir: &Path,
        progress: &mut dyn FnMut(u64, u64) -> bool,
    ) -> Result<Capture, ImportError> {
        let mut files = Vec::new();
        eml_files(dir, &mut files, 0).map_err(|e| ImportError::Io(super::io_message(&e)))?;
        if files.is_empty() {
            return Err(ImportError::Capture(
                "the folder holds no .eml files".to_owned(),
            ));
        }
        let mut cap = Capture::new(Format::Eml, dir);
        let mut sink = Sink::new(self.me, self.clock);
        let total = files.len() as u64;
        let mut headers = Vec::new();
        let mut line = Vec::new();
        for (i, f) in files.iter().enumerate() {
            if !progress(i as u64, total) {
                return Err(ImportError::Capture("the import was cancelled".to_owned()));
            }
            headers.clear();
            let file = File::open(f).map_err(|e| {
                ImportError::Io(format!("{}: {}", f.display(), super::io_message(&e)))
            })?;
            let mut r = BufReader::new(file.take(MAX_HEADERS as u64));
            while read_line(&mut r, &mut line).map_err(|e| {
                ImportError::Io(format!("{}: {}", f.display(), super::io_message(&e)))
            })? > 0
            {
                if line.contains(&0) {
                    headers.clear();
                    break;
                }
                headers.extend_from_slice(&line);
                if is_blank(&line) {
                    break;
                }
            }
            if headers.is_empty() {
                cap.problem(i + 1, &format!("{} is not a mail message", f.display()));
                continue;
            }
            sink.message(&headers, i + 1, &mut cap);
        }
        progress(total, total);
        sink.finish(&mut cap);
        Ok(cap)
    }

    /// One .eml file in memory.
    pub(super) fn eml_bytes(&self, bytes: &[u8], cap: &mut Capture) -> Result<(), ImportError> {
        if bytes.iter().take(4096).any(|b| *b == 0) {
            return Err(ImportError::NotThisFormat {
                format: Format::Eml,
                why: "line 1: it holds binary data, not mail".to_owned(),
            });
        }
        let mut sink = Sink::new(self.me, self.clock);
        sink.message(header_part(bytes), 1, cap);
        sink.finish(cap);
        Ok(())
    }
}

fn not_mbox(why: String) -> ImportError {
    ImportError::NotThisFormat {
        format: Format::Mbox,
        why,
    }
}

fn scan_mbox<R: BufRead>(
    mut r: R,
    total: u64,
    me: &Identity,
    clock: &Clock,
    cap: &mut Capture,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<(), ImportError> {
    let mut sink = Sink::new(me, clock);
    let mut line = Vec::with_capacity(1024);
    let mut headers: Vec<u8> = Vec::with_capacity(8192);
    let mut in_headers = false;
    let mut prev_blank = true;
    let mut line_no = 0usize;
    let mut msg_line = 0usize;
    let mut done = 0u64;
    let io = |e: std::io::Error| ImportError::Io(super::io_message(&e));
    loop {
        let n = read_line(&mut r, &mut line).map_err(io)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        done += n as u64;
        if line_no == 1 {
            if line.contains(&0) {
                return Err(not_mbox(
                    "line 1: it holds binary data, not mail".to_owned(),
                ));
            }
            if !line.starts_with(b"From ") {
                return Err(not_mbox(
                    "line 1: an mbox starts with a \"From \" line, and this one does not"
                        .to_owned(),
                ));
            }
        }
        if line_no.is_multiple_of(PROGRESS_EVERY) && !progress(done, total) {
            return Err(ImportError::Capture("the import was cancelled".to_owned()));
        }
        if prev_blank && line.starts_with(b"From ") {
            if in_headers || !headers.is_empty() {
                sink.message(&headers, msg_line, cap);
            }
            headers.clear();
            in_headers = true;
            msg_line = line_no;
            prev_blank = false;
            continue;
        }
        let blank = is_blank(&line);
        if in_headers {
            if blank {
                in_headers = false;
                sink.message(&headers, msg_line, cap);
                headers.clear();
            } else if headers.len() + line.len() <= MAX_HEADERS {
                headers.extend_from_slice(&line);
            }
        }
        prev_blank = blank;
    }
    if in_headers && !headers.is_empty() {
        sink.message(&headers, msg_line, cap);
    }
    progress(done, total);
    sink.finish(cap);
    Ok(())
}

fn header_part(bytes: &[u8]) -> &[u8] {
    let end = memchr::memmem::find(bytes, b"\r\n\r\n")
        .map(|i| i + 4)
        .into_iter()
        .chain(memchr::memmem::find(bytes, b"\n\n").map(|i| i + 2))
        .min()
        .unwrap_or(bytes.len());
    &bytes[..end.min(MAX_HEADERS)]
}

/// Every .eml file under a folder (and its subfolders), in name order.
fn eml_files(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) -> std::io::Result<()> {
    if depth > 16 {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            eml_files(&p, out, depth + 1)?;
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("eml")) {
            out.push(p);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_prefixes_are_stripped() {
        assert_eq!(strip_prefixes("Re: AW: Fwd: Lunch"), "Lunch");
        assert_eq!(strip_prefixes("RE[2]: SV: WG: Plan"), "Plan");
        assert_eq!(strip_prefixes("Regarding: it"), "Regarding: it");
    }

    #[test]
    fn automatic_senders() {
        assert!(is_automatic("noreply@github.com"));
        assert!(is_automatic("no-reply@accounts.google.com"));
        assert!(is_automatic("MAILER-DAEMON@mx.example.org"));
        assert!(is_automatic("do_not_reply@x.com"));
        assert!(!is_automatic("nora@example.org"));
    }

    #[test]
    fn long_lines_are_cut_but_consumed() {
        let mut data = vec![b'x'; MAX_LINE * 3];
        data.extend_from_slice(b"\nnext\n");
        let mut r = &data[..];
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut r, &mut buf).unwrap(), MAX_LINE * 3 + 1);
        assert_eq!(buf.len(), MAX_LINE);
        read_line(&mut r, &mut buf).unwrap();
        assert_eq!(buf, b"next\n");
    }
}
