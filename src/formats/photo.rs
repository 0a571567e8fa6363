//! Contact photos: read from a vCard PHOTO (inline base64 or a `data:` URI), made into a small
//! JPEG (at most [`PHOTO_SIDE`] pixels a side) and kept, base64, in the data file, so the file
//! stays self-contained and small.

use std::io::Cursor;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::model::Photo;

/// A photo larger than this (as it is in the source, decoded) is not read.
pub const MAX_PHOTO_BYTES: usize = 8 << 20;
/// The longest side of a kept photo, in pixels.
pub const PHOTO_SIDE: u32 = 256;
/// An image with a side longer than this is not decoded (a "decompression bomb").
const MAX_DIMENSION: u32 = 12_000;

/// Makes a photo to keep from the bytes of a JPEG or PNG image, or says why it cannot be kept
/// (a sentence that goes after "its photo").
pub fn prepare(bytes: &[u8]) -> Result<Photo, String> {
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(format!(
            "its photo is {:.1} MiB, larger than the {} MiB a photo may be; the contact is imported without it",
            bytes.len() as f64 / f64::from(1u32 << 20),
            MAX_PHOTO_BYTES >> 20
        ));
    }
    let unreadable = || {
        "its photo is not a JPEG or PNG image Rapport can read; the contact is imported without it"
            .to_owned()
    };
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| unreadable())?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    reader.limits(limits);
    let format = reader.format();
    let image = reader.decode().map_err(|_| unreadable())?;
    // A small JPEG is kept as it is, so exporting and importing it again changes nothing.
    if format == Some(image::ImageFormat::Jpeg)
        && image.width() <= PHOTO_SIDE
        && image.height() <= PHOTO_SIDE
    {
        return Ok(Photo {
            mime: "image/jpeg".to_owned(),
            data: STANDARD.encode(bytes),
        });
    }
    let small = if image.width() <= PHOTO_SIDE && image.height() <= PHOTO_SIDE {
        image.to_rgb8()
    } else {
        image.thumbnail(PHOTO_SIDE, PHOTO_SIDE).to_rgb8()
    };
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&small)
        .map_err(|_| unreadable())?;
    Ok(Photo {
        mime: "image/jpeg".to_owned(),
        data: STANDARD.encode(&jpeg),
    })
}

/// The bytes of a kept photo.
#[must_use]
pub fn bytes(photo: &Photo) -> Option<Vec<u8>> {
    STANDARD.decode(photo.data.as_bytes()).ok()
}

/// The bytes of inline base64 text (a PHOTO value the parser left as text), if it is base64.
#[must_use]
pub fn inline_base64(text: &str) -> Option<Vec<u8>> {
    let clean: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if clean.len() < 4 {
        return None;
    }
    STANDARD.decode(clean.as_bytes()).ok()
}

/// The bytes of a `data:` URI (`data:image/jpeg;base64,...`), if it is one.
#[must_use]
pub fn data_uri(uri: &str) -> Option<Vec<u8>> {
    let rest = uri.trim().strip_prefix("data:")?;
    let (meta, payload) = rest.split_once(',')?;
    if !meta.ends_with(";base64") {
        return None;
    }
    let clean: String = payload.chars().filter(|c| !c.is_whitespace()).collect();
    STANDARD.decode(clean.as_bytes()).ok()
}
