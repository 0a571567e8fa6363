//! Capture speed (release build; no test harness): mail headers from an mbox on disk, read as a
//! stream, and a calendar of 10,000 events.
//!
//! `cargo bench --bench capture` writes two mboxes (`RAPPORT_BENCH_MBOX_MB`, default 100 and 8
//! times that) into a temporary folder, reads each three times and prints the best speed and the
//! process's peak memory after each size, so that memory independent of the mbox's size shows.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rapport::formats::Format;
use rapport::formats::capture::{Clock, Identity, parse_capture, read_capture};
use rapport::model::Me;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Peak resident memory of this process so far (Linux), in MiB.
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = f();
        best = best.min(start.elapsed());
        last = Some(out);
    }
    (best, last.expect("at least one run"))
}

/// Writes an mbox of about `mib` MiB: threads of five messages a day between the user and 500
/// correspondents, with realistic headers and 1-4 KiB bodies.
fn write_mbox(path: &Path, mib: u64) -> u64 {
    let file = std::fs::File::create(path).expect("temporary file");
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    let body: String = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod \
                        tempor incididunt ut labore et dolore magna aliqua.\n"
        .repeat(40);
    let mut written = 0u64;
    let mut n = 0u64;
    let mut head = String::new();
    while written < mib << 20 {
        let day = n / 40;
        let thread = n / 5;
        let who = thread % 500;
        let (d, m, y) = (
            1 + day % 28,
            ["Jan", "Feb", "Mar", "Apr"][(day / 28 % 4) as usize],
            2020 + day / 112,
        );
        head.clear();
        let _ = write!(
            head,
            "From person{who}@example.org Mon Jan  1 00:00:00 2024\n\
             Return-Path: <person{who}@example.org>\n\
             Received: from mx.example.org (mx.example.org [192.0.2.1]) by mail.example.net \
             with ESMTPS id {n}; {d} {m} {y} 10:{:02}:00 +0000\n\
             From: Person {who} <person{who}@example.org>\n\
             To: Me <me@example.net>\n\
             Cc: Other {} <other{}@example.org>\n\
             Subject: Re: Project {thread}\n\
             Date: Mon, {d} {m} {y} 10:{:02}:00 +0000\n\
             Message-ID: <{n}@example.org>\n\
             In-Reply-To: <{}@example.org>\n\
             References: <{}@example.org>\n\
             MIME-Version: 1.0\n\
             Content-Type: text/plain; charset=utf-8\n\
             X-Mailer: Bench 1.0\n\n",
            n % 60,
            who + 1,
            who + 1,
            n % 60,
            thread * 5,
            thread * 5,
        );
        let body = &body[..1024 + (n as usize * 797) % 3000];
        out.write_all(head.as_bytes()).expect("write");
        out.write_all(body.as_bytes()).expect("write");
        // The body ends its last line, then a blank line separates the next message.
        out.write_all(b"\n\n").expect("write");
        written += (head.len() + body.len() + 2) as u64;
        n += 1;
    }
    out.flush().expect("flush");
    n
}

fn calendar(events: usize) -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n");
    for i in 0..events {
        let (year, month, day, hour) = (2016 + i / 1500, 1 + (i / 120) % 12, 1 + i % 28, 8 + i % 9);
        let place = match i % 3 {
            0 => "LOCATION:Café Central\\, Herrengasse 14\\, Vienna\r\n".to_owned(),
            1 => "LOCATION:https://us02web.zoom.us/j/8123456789\r\n".to_owned(),
            _ => "DESCRIPTION:Join: https://meet.google.com/abc-defg-hij\r\n".to_owned(),
        };
        let _ = write!(
            out,
            "BEGIN:VEVENT\r\nUID:event-{i}@bench\r\nDTSTAMP:20240101T000000Z\r\n\
             DTSTART;TZID=Europe/Vienna:{year}{month:02}{day:02}T{hour:02}0000\r\n\
             DTEND;TZID=Europe/Vienna:{year}{month:02}{day:02}T{hour:02}4500\r\nSUMMARY:Meeting {i}\r\n{place}\
             ORGANIZER;CN=Me:mailto:me@example.net\r\n\
             ATTENDEE;CN=Person {};PARTSTAT=ACCEPTED:mailto:person{}@example.org\r\n\
             ATTENDEE;CN=Me;PARTSTAT=ACCEPTED:mailto:me@example.net\r\nEND:VEVENT\r\n",
            i % 500,
            i % 500
        );
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn main() {
    let mut me = Me::default();
    me.add("me@example.net");
    let now = DateTime::parse_from_rfc3339("2026-11-30T12:00:00Z")
        .expect("date")
        .with_timezone(&Utc);
    let clock = Clock::at("Europe/Vienna", now);
    let dir = std::env::temp_dir().join(format!("rapport-capture-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");

    let small = env_or("RAPPORT_BENCH_MBOX_MB", 100);
    for mib in [small, small * 8] {
        let path = dir.join(format!("mail-{mib}.mbox"));
        let messages = write_mbox(&path, mib);
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        let (t, cap) = best(3, || {
            read_capture(&path, Some(Format::Mbox), &me, &clock, &mut |_, _| true)
                .expect("the mbox reads")
        });
        println!(
            "mbox {:>5} MiB, {messages:>7} messages: best {:.3} s = {:.0} MB/s, {} interactions; peak memory so far {:.0} MiB",
            size >> 20,
            t.as_secs_f64(),
            size as f64 / 1e6 / t.as_secs_f64(),
            cap.items.len(),
            peak_mib()
        );
        let _ = std::fs::remove_file(&path);
    }
    let _ = std::fs::remove_dir(&dir);

    let ics = calendar(10_000);
    let id = Identity::new(&me);
    let (t, cap) = best(3, || {
        parse_capture(
            Path::new("bench.ics"),
            ics.as_bytes(),
            Format::Ics,
            &id,
            &clock,
        )
        .expect("the calendar reads")
    });
    println!(
        "calendar of 10,000 events ({:.1} MB): best {:.3} s, {} occurrences captured",
        ics.len() as f64 / 1e6,
        t.as_secs_f64(),
        cap.items.len()
    );
    let weekly = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:weekly@bench\r\n\
                  DTSTART:20000103T090000Z\r\nDTEND:20000103T093000Z\r\nRRULE:FREQ=DAILY\r\n\
                  LOCATION:Office\r\nORGANIZER:mailto:me@example.net\r\n\
                  ATTENDEE:mailto:a@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let (t, cap) = best(3, || {
        parse_capture(
            Path::new("daily.ics"),
            weekly.as_bytes(),
            Format::Ics,
            &id,
            &clock,
        )
        .expect("the calendar reads")
    });
    println!(
        "a daily meeting since 2000, expanded to today: best {:.3} s, {} occurrences",
        t.as_secs_f64(),
        cap.items.len()
    );
}
