//! When the chrome's site-wide parts change. Every page's footer shows the popular tags and the
//! copyright year, so a change to either rewrites the whole site; they follow the calendar, not
//! publishing (docs/adr/0020). The tags are counted up to the last recount, Monday 04:00 in
//! Budapest (a quiet hour: a `press publish --every` service makes that week's site then); the
//! year is the clock's.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc};

/// The hour of Monday at which the popular tags are recounted, Budapest time. Both summer-time
/// changes happen earlier in the night, so the hour always exists exactly once.
const RECOUNT_HOUR: u32 = 4;

/// The last recount at or before `t`.
pub fn last_recount(t: DateTime<Utc>) -> DateTime<Utc> {
    let day = budapest_date(t);
    let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
    let at = at_budapest(monday, RECOUNT_HOUR);
    if at <= t {
        at
    } else {
        at_budapest(monday - Days::new(7), RECOUNT_HOUR)
    }
}

/// The first recount after `t`.
pub fn next_recount(t: DateTime<Utc>) -> DateTime<Utc> {
    at_budapest(budapest_date(last_recount(t)) + Days::new(7), RECOUNT_HOUR)
}

/// The year at `t` in Budapest.
pub fn year(t: DateTime<Utc>) -> i32 {
    budapest_date(t).year()
}

/// The first midnight of a new year after `t`, Budapest time.
pub fn next_new_year(t: DateTime<Utc>) -> DateTime<Utc> {
    let jan1 = NaiveDate::from_ymd_opt(year(t) + 1, 1, 1).unwrap_or(NaiveDate::MAX);
    at_budapest(jan1, 0)
}

fn budapest_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&model::date::budapest_offset(t)).date_naive()
}

/// `day` at `hour`:00 in Budapest. Midnight and 04:00 exist on every day of the tz database's
/// Budapest (the clocks change at 02:00 and 03:00).
fn at_budapest(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    let local = day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN));
    model::date::budapest_local(local).map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_recount_is_monday_four_in_the_morning_in_budapest() {
        // Thursday 2026-12-03, winter time: the Monday before, 04:00 +01:00.
        assert_eq!(last_recount(utc("2026-12-03T12:00:00+01:00")), utc("2026-11-30T04:00:00+01:00"));
        assert_eq!(next_recount(utc("2026-12-03T12:00:00+01:00")), utc("2026-12-07T04:00:00+01:00"));
        // Monday itself: before 04:00 the week before's, from 04:00 its own.
        assert_eq!(last_recount(utc("2026-11-30T03:59:00+01:00")), utc("2026-11-23T04:00:00+01:00"));
        assert_eq!(last_recount(utc("2026-11-30T04:00:00+01:00")), utc("2026-11-30T04:00:00+01:00"));
        // Sunday late evening UTC is already Monday in Budapest, before 04:00.
        assert_eq!(last_recount(utc("2026-11-29T23:30:00Z")), utc("2026-11-23T04:00:00+01:00"));
        // Across the change to summer time (Sunday 2026-03-29): the next Monday at 04:00 +02:00.
        assert_eq!(next_recount(utc("2026-03-27T12:00:00+01:00")), utc("2026-03-30T04:00:00+02:00"));
    }

    #[test]
    fn the_year_turns_at_midnight_in_budapest() {
        assert_eq!(year(utc("2026-12-31T23:30:00Z")), 2027);
        assert_eq!(year(utc("2026-12-31T22:59:00Z")), 2026);
        assert_eq!(next_new_year(utc("2026-06-01T00:00:00Z")), utc("2027-01-01T00:00:00+01:00"));
    }
}
