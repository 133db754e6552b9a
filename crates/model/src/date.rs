//! Hungarian date strings, built from the date's fields: chrono's strftime machinery costs
//! the wasm about 10 KB gzip, and these few formats need none of it.

use crate::Timestamp;
use chrono::{Datelike, Timelike};

const MONTHS: [&str; 12] = [
    "január",
    "február",
    "március",
    "április",
    "május",
    "június",
    "július",
    "augusztus",
    "szeptember",
    "október",
    "november",
    "december",
];

fn push2(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// `2023.07.07.` in the offset the timestamp carries.
pub fn short(t: &Timestamp) -> String {
    let mut s = t.year().to_string();
    s.push('.');
    push2(&mut s, t.month());
    s.push('.');
    push2(&mut s, t.day());
    s.push('.');
    s
}

/// `2023.07.07. - 17:21`, as in the "Publikálva" stamp.
pub fn with_time(t: &Timestamp) -> String {
    let mut s = short(t);
    s.push_str(" - ");
    push2(&mut s, t.hour());
    s.push(':');
    push2(&mut s, t.minute());
    s
}

/// `17:21`, the time of a live blog's entry (its day shows when it differs from the next one's).
pub fn clock(t: &Timestamp) -> String {
    let mut s = String::new();
    push2(&mut s, t.hour());
    s.push(':');
    push2(&mut s, t.minute());
    s
}

/// `2023. július 7.`, for running text.
pub fn long(t: &Timestamp) -> String {
    format!("{}. {} {}.", t.year(), MONTHS[t.month0() as usize], t.day())
}

/// `2023-07-07`, the machine-readable date for `<time datetime>` when only the day matters.
pub fn iso_day(t: &Timestamp) -> String {
    let mut s = t.year().to_string();
    s.push('-');
    push2(&mut s, t.month());
    s.push('-');
    push2(&mut s, t.day());
    s
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` by hand: chrono's generic parser costs the
/// wasm several KB, and the contract only ever carries this one form.
pub fn parse_rfc3339(s: &str) -> Option<Timestamp> {
    use chrono::{FixedOffset, NaiveDate, TimeZone};
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let part = b.get(from..from + len)?;
        part.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let sep = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(sep(4, b'-')
        && sep(7, b'-')
        && (sep(10, b'T') || sep(10, b't') || sep(10, b' '))
        && sep(13, b':')
        && sep(16, b':'))
    {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 2)?, num(8, 2)?)?;
    let mut i = 19;
    let mut nanos = 0u32;
    if sep(i, b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            if i - start < 9 {
                nanos = nanos * 10 + u32::from(b[i] - b'0');
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        for _ in (i - start).min(9)..9 {
            nanos *= 10;
        }
    }
    let time = date.and_hms_nano_opt(num(11, 2)?, num(14, 2)?, num(17, 2)?, nanos)?;
    let offset = match b.get(i)? {
        b'Z' | b'z' if b.len() == i + 1 => 0,
        &c @ (b'+' | b'-') if b.len() == i + 6 && sep(i + 3, b':') => {
            let secs = (num(i + 1, 2)? * 3600 + num(i + 4, 2)? * 60) as i32;
            if c == b'-' {
                -secs
            } else {
                secs
            }
        }
        _ => return None,
    };
    FixedOffset::east_opt(offset)?.from_local_datetime(&time).single()
}

/// `#[serde(with = "date::rfc3339")]`: timestamps as RFC 3339 strings, offset kept.
pub mod rfc3339 {
    use crate::Timestamp;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.to_rfc3339())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::parse_rfc3339(&s).ok_or_else(|| D::Error::custom("expected an RFC 3339 timestamp with offset"))
    }
}

/// The same for `Option<Timestamp>`.
pub mod rfc3339_option {
    use crate::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => super::rfc3339::serialize(t, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        #[derive(Deserialize)]
        struct W(#[serde(with = "super::rfc3339")] Timestamp);
        Ok(Option::<W>::deserialize(d)?.map(|w| w.0))
    }
}

/// Budapest's offset at a UTC instant (CET or CEST, and the rules of earlier years), from the
/// tz database. For the native tools that stamp new times (press new, press-synth); the app
/// never needs it, since every timestamp carries its offset, so the wasm is spared the data.
#[cfg(not(target_arch = "wasm32"))]
pub fn budapest_offset(t: chrono::DateTime<chrono::Utc>) -> chrono::FixedOffset {
    use chrono::Offset;
    t.with_timezone(&chrono_tz::Europe::Budapest).offset().fix()
}

/// A wall-clock time in Budapest as a timestamp with its offset; `None` for a time the clocks
/// skip when summer time begins. An hour that happens twice (autumn) is read as its first.
#[cfg(not(target_arch = "wasm32"))]
pub fn budapest_local(t: chrono::NaiveDateTime) -> Option<Timestamp> {
    use chrono::{Offset, TimeZone};
    let local = chrono_tz::Europe::Budapest.from_local_datetime(&t).earliest()?;
    Some(local.with_timezone(&local.offset().fix()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn budapest_wall_clock_times_take_the_offset_of_their_day() {
        let at = |s: &str| budapest_local(chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap());
        assert_eq!(at("2026-12-05 22:11"), Some(t("2026-12-05T22:11:00+01:00")));
        assert_eq!(at("2026-07-05 22:11"), Some(t("2026-07-05T22:11:00+02:00")));
        // 02:30 does not exist on the morning summer time begins.
        assert_eq!(at("2026-03-29 02:30"), None);
    }

    #[test]
    fn formats_in_the_carried_offset() {
        // 23:30 UTC is already the next day in Budapest summer time.
        let ts = t("2023-07-07T01:30:00+02:00");
        assert_eq!(short(&ts), "2023.07.07.");
        assert_eq!(with_time(&ts), "2023.07.07. - 01:30");
        assert_eq!(long(&ts), "2023. július 7.");
        assert_eq!(clock(&ts), "01:30");
        assert_eq!(iso_day(&ts), "2023-07-07");
    }

    #[test]
    fn parses_rfc3339_like_chrono() {
        for s in [
            "2023-07-07T17:21:00+02:00",
            "2024-01-02T03:04:05Z",
            "2024-03-31T01:59:59.25-05:30",
            "2024-02-29T00:00:00.123456789+01:00",
        ] {
            assert_eq!(parse_rfc3339(s), Some(t(s)), "{s}");
        }
        for bad in [
            "2023-07-07",
            "2023-07-07T17:21:00",
            "2023-02-30T10:00:00+01:00",
            "2023-07-07T25:00:00Z",
            "2023-07-07T17:21:00+0200",
            "2023-07-07T17:21:00+02:00x",
            "2023-07-07T17:21:00.+02:00",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn budapest_time_follows_the_tz_database() {
        let at = |s: &str| t(s).with_timezone(&chrono::Utc);
        let offset = |s: &str| budapest_offset(at(s)).local_minus_utc() / 3600;
        // The EU rule: the last Sundays of March and October, 01:00 UTC.
        assert_eq!(offset("2025-03-30T00:59:59Z"), 1);
        assert_eq!(offset("2025-03-30T01:00:00Z"), 2);
        assert_eq!(offset("2025-10-26T00:59:59Z"), 2);
        assert_eq!(offset("2025-10-26T01:00:00Z"), 1);
        // Before 1996 summer time ended on the last Sunday of September (24 September 1995),
        // and before 1980 Hungary had none.
        assert_eq!(offset("1995-09-24T00:59:59Z"), 2);
        assert_eq!(offset("1995-10-01T12:00:00Z"), 1);
        assert_eq!(offset("1975-07-01T12:00:00Z"), 1);
    }

    #[test]
    fn pads_month_day_hour_minute() {
        let ts = t("2024-01-02T03:04:00+01:00");
        assert_eq!(with_time(&ts), "2024.01.02. - 03:04");
        assert_eq!(long(&t("2024-12-31T23:59:00+01:00")), "2024. december 31.");
    }
}
