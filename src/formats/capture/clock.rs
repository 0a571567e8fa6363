//! The capture clock: the user's time zone and the present moment.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// The user's time zone and the present moment: days are the user's local days, and only what
/// has already happened is captured.
#[derive(Clone, Debug)]
pub struct Clock {
    pub zone: jiff::tz::TimeZone,
    pub now: DateTime<Utc>,
}

impl Clock {
    /// The computer's time zone and the current time.
    #[must_use]
    pub fn system() -> Self {
        Self {
            zone: jiff::tz::TimeZone::system(),
            now: Utc::now(),
        }
    }

    /// A named IANA zone (for tests and benchmarks); UTC when the name is unknown.
    #[must_use]
    pub fn at(zone: &str, now: DateTime<Utc>) -> Self {
        Self {
            zone: jiff::tz::TimeZone::get(zone).unwrap_or(jiff::tz::TimeZone::UTC),
            now,
        }
    }

    /// The zone's IANA name, when it has one.
    #[must_use]
    pub fn zone_name(&self) -> Option<&str> {
        self.zone.iana_name()
    }

    /// The local date and time of an instant.
    #[must_use]
    pub fn local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        let fallback = t.naive_utc();
        let Ok(ts) = jiff::Timestamp::from_second(t.timestamp()) else {
            return fallback;
        };
        let dt = self.zone.to_datetime(ts);
        NaiveDate::from_ymd_opt(
            i32::from(dt.year()),
            u32::from(dt.month().unsigned_abs()),
            u32::from(dt.day().unsigned_abs()),
        )
        .and_then(|d| {
            d.and_hms_opt(
                u32::from(dt.hour().unsigned_abs()),
                u32::from(dt.minute().unsigned_abs()),
                u32::from(dt.second().unsigned_abs()),
            )
        })
        .unwrap_or(fallback)
    }

    /// The instant of a local date and time in the user's zone (the earlier one in a DST
    /// overlap).
    #[must_use]
    pub fn instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        use chrono::{Datelike, Timelike};
        let civil = jiff::civil::DateTime::new(
            i16::try_from(local.year()).unwrap_or(1970),
            i8::try_from(local.month()).unwrap_or(1),
            i8::try_from(local.day()).unwrap_or(1),
            i8::try_from(local.hour()).unwrap_or(0),
            i8::try_from(local.minute()).unwrap_or(0),
            i8::try_from(local.second()).unwrap_or(0),
            0,
        );
        civil
            .ok()
            .and_then(|c| self.zone.to_ambiguous_zoned(c).compatible().ok())
            .and_then(|z| DateTime::from_timestamp(z.timestamp().as_second(), 0))
            .unwrap_or_else(|| local.and_utc())
    }
}
