//! Just enough of the .zip format to take the chat out of a `WhatsApp` "Export Chat" archive
//! (iPhone): the central directory is read to find the .txt entry, which is either stored or
//! deflated (inflated with `miniz_oxide`). No zip crate is in the dependency tree, and this needs
//! only one entry; ZIP64 and encrypted archives are refused with a sentence.

use super::MAX_CAPTURE_BYTES;

const EOCD: u32 = 0x0605_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const LOCAL: u32 = 0x0403_4b50;

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    b.get(at..at + 2)
        .map(|s| usize::from(u16::from_le_bytes([s[0], s[1]])))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn usize_at(b: &[u8], at: usize) -> Option<usize> {
    u32_at(b, at).and_then(|v| usize::try_from(v).ok())
}

/// Whether bytes are a zip archive.
#[must_use]
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The name of the first entry, from the first local header (what detection can see in the
/// first bytes of a file).
#[must_use]
pub fn first_name(bytes: &[u8]) -> Option<String> {
    if u32_at(bytes, 0)? != LOCAL {
        return None;
    }
    let n = u16_at(bytes, 26)?;
    bytes
        .get(30..30 + n)
        .map(|s| String::from_utf8_lossy(s).into_owned())
}

/// One entry of the central directory.
struct Entry {
    name: String,
    method: usize,
    flags: usize,
    compressed: usize,
    size: usize,
    local: usize,
}

fn entries(b: &[u8]) -> Result<Vec<Entry>, String> {
    let from = b.len().saturating_sub(22 + 0xffff);
    let eocd = (from..b.len().saturating_sub(21))
        .rev()
        .find(|&i| u32_at(b, i) == Some(EOCD))
        .ok_or("the archive's directory is missing (the file looks cut off)")?;
    let count = u16_at(b, eocd + 10).ok_or("the archive's directory is cut off")?;
    let mut at = usize_at(b, eocd + 16).ok_or("the archive's directory is cut off")?;
    if at == 0xffff_ffff {
        return Err("it is a ZIP64 archive, which Rapport cannot open; unzip it first".into());
    }
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        if u32_at(b, at) != Some(CENTRAL) {
            return Err("the archive's directory is damaged".into());
        }
        let field = |off: usize| u16_at(b, at + off).ok_or("the archive's directory is cut off");
        let (flags, method) = (field(8)?, field(10)?);
        let (n, extra, comment) = (field(28)?, field(30)?, field(32)?);
        let compressed = usize_at(b, at + 20).ok_or("the archive's directory is cut off")?;
        let size = usize_at(b, at + 24).ok_or("the archive's directory is cut off")?;
        let local = usize_at(b, at + 42).ok_or("the archive's directory is cut off")?;
        let name = b
            .get(at + 46..at + 46 + n)
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .ok_or("the archive's directory is cut off")?;
        out.push(Entry {
            name,
            method,
            flags,
            compressed,
            size,
            local,
        });
        at += 46 + n + extra + comment;
    }
    Ok(out)
}

/// The chat text of a `WhatsApp` export archive: `_chat.txt`, else the one .txt entry.
pub fn chat_text(b: &[u8]) -> Result<Vec<u8>, String> {
    let all = entries(b)?;
    let txt: Vec<&Entry> = all
        .iter()
        .filter(|e| {
            std::path::Path::new(&e.name)
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("txt"))
        })
        .collect();
    let entry = txt
        .iter()
        .find(|e| e.name.ends_with("_chat.txt") || e.name.contains("WhatsApp Chat"))
        .or_else(|| txt.first())
        .ok_or("the archive holds no chat (.txt) file")?;
    if entry.flags & 1 != 0 {
        return Err("the archive is encrypted".into());
    }
    if entry.size as u64 > MAX_CAPTURE_BYTES {
        return Err(format!("{} is too large to read", entry.name));
    }
    if u32_at(b, entry.local) != Some(LOCAL) {
        return Err(format!("{} is damaged in the archive", entry.name));
    }
    let n = u16_at(b, entry.local + 26).ok_or("the archive is cut off")?;
    let extra = u16_at(b, entry.local + 28).ok_or("the archive is cut off")?;
    let start = entry.local + 30 + n + extra;
    let data = b
        .get(start..start + entry.compressed)
        .ok_or_else(|| format!("{} is cut off in the archive", entry.name))?;
    match entry.method {
        0 => Ok(data.to_vec()),
        8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, entry.size.max(1))
            .map_err(|_| format!("{} cannot be unpacked (damaged archive)", entry.name)),
        m => Err(format!(
            "{} is packed with method {m}, which Rapport cannot unpack; unzip it first",
            entry.name
        )),
    }
}
