//! Hungarian date strings, built from the date's fields: chrono's strftime machinery costs
//! the wasm about 10 KB gzip, and these few formats need none of it.

use crate::Timestamp;
use chrono::{Datelike, Timelike};

const MONTHS: [&str; 12] = [
    "január", "február", "március", "április", "május", "június",
    "július", "augusztus", "szeptember", "október", "november", "december",
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

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn formats_in_the_carried_offset() {
        // 23:30 UTC is already the next day in Budapest summer time.
        let ts = t("2023-07-07T01:30:00+02:00");
        assert_eq!(short(&ts), "2023.07.07.");
        assert_eq!(with_time(&ts), "2023.07.07. - 01:30");
        assert_eq!(long(&ts), "2023. július 7.");
        assert_eq!(iso_day(&ts), "2023-07-07");
    }

    #[test]
    fn pads_month_day_hour_minute() {
        let ts = t("2024-01-02T03:04:00+01:00");
        assert_eq!(with_time(&ts), "2024.01.02. - 03:04");
        assert_eq!(long(&t("2024-12-31T23:59:00+01:00")), "2024. december 31.");
    }
}
