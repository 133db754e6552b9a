//! Every piece of UI text, in Hungarian, in one place.

pub const SKIP_LINK: &str = "Ugrás a tartalomra";
pub const HOME: &str = "Címlap";
pub const MAIN_MENU: &str = "Főmenü";
pub const MORE_SECTIONS: &str = "További rovatok";
pub const OPEN_MENU: &str = "Menü megnyitása";
pub const CLOSE_MENU: &str = "Menü bezárása";
pub const SEARCH: &str = "Keresés";
pub const SEARCH_PLACEHOLDER: &str = "Keresés a cikkek között";
pub const SEARCH_CLEAR: &str = "Keresőmező törlése";
pub const SEARCH_TITLE: &str = "Keresés";
pub const SEARCH_RESULTS_FOR: &str = "Találatok erre:";
pub const SEARCH_NO_RESULTS: &str = "Nincs találat. Próbáljon más szavakat!";
pub const SEARCH_EMPTY: &str = "Írjon be egy keresőszót a fenti mezőbe.";

pub const LOADING: &str = "Betöltés…";
pub const LOAD_MORE: &str = "Kérek még";
pub const NEXT_PAGE: &str = "Következő oldal";
pub const PREV_PAGE: &str = "Előző oldal";
pub const PAGE: &str = "oldal";

/// The title of page `n` of a list: "Belföld – 2. oldal", the name alone on the front page (0).
pub fn list_title(name: &str, n: u32) -> String {
    if n == 0 {
        name.to_owned()
    } else {
        format!("{name} – {n}. {PAGE}")
    }
}

pub const ERROR_TITLE: &str = "Nem sikerült betölteni a tartalmat";
pub const ERROR_NETWORK: &str = "A kapcsolat megszakadt, vagy a szerver nem válaszolt.";
pub const ERROR_DECODE: &str = "A kapott adat hibás, ezért nem tudjuk megjeleníteni.";
pub const RETRY: &str = "Újrapróbálom";
pub const PANIC_TITLE: &str = "Váratlan hiba történt";
pub const PANIC_TEXT: &str = "Az oldal működése megszakadt. Kérjük, töltse újra.";
pub const RELOAD: &str = "Újratöltés";

pub const NOT_FOUND_TITLE: &str = "Az oldal nem található";
pub const NOT_FOUND_TEXT: &str = "A keresett oldal nem létezik, vagy elköltözött. Talán ezek között megtalálja:";
pub const BACK_HOME: &str = "Vissza a címlapra";

pub const LATEST: &str = "Friss";
/// The sidebar's link to the latest articles before they are loaded.
pub const LATEST_LINK: &str = "A legfrissebb cikkek";
pub const LATEST_DESCRIPTION: &str = "A legfrissebb cikkek, a legújabbal kezdve.";
pub const TOP_STORIES: &str = "Vezető hírek";
pub const SECTION_LABEL: &str = "Rovat";
pub const TAG_LABEL: &str = "Címke";
pub const AUTHOR_LABEL: &str = "Szerző";
pub const ARTICLES_COUNT: &str = "cikk";
pub const SUBSECTIONS: &str = "Alrovatok";

pub const PUBLISHED: &str = "Publikálva";
pub const UPDATED: &str = "Frissítve";
/// Marks an article seen only in a preview (`press serve --drafts`).
pub const PREVIEW_DRAFT: &str = "Piszkozat";
pub const PREVIEW_SCHEDULED: &str = "Időzítve";

/// The mark of an article that is not published yet.
pub fn preview(p: model::Preview) -> &'static str {
    match p {
        model::Preview::Draft => PREVIEW_DRAFT,
        model::Preview::Scheduled => PREVIEW_SCHEDULED,
    }
}
pub const COVER_CREDIT: &str = "Címlapkép forrása:";
pub const TAGS: &str = "Címkék";
pub const RELATED: &str = "Ajánlott cikkek";
pub const RECOMMENDED: &str = "Ajánljuk";
pub const EMBED_OPEN: &str = "Megnyitás új lapon:";

pub const STAY_WITH_US: &str = "Maradjon velünk!";
pub const FOOTER_SECTIONS: &str = "Rovatok";
pub const POPULAR_TAGS: &str = "Sokat kattintott címkék";
pub const LEGAL_MENU: &str = "Jogi információk";

pub const SITE_DESCRIPTION: &str = "Független közéleti magazin: belföld, külföld, gazdaság, vélemény.";

pub const SHARE: &str = "Megosztás";
pub const SHARE_FACEBOOK: &str = "Megosztás a Facebookon";
pub const SHARE_X: &str = "Megosztás az X-en (Twitteren)";
pub const SHARE_EMAIL: &str = "Küldés e-mailben";
pub const SHARE_PRINT: &str = "Nyomtatás";
pub const SHARE_COPY: &str = "Link másolása";
pub const SHARE_NATIVE: &str = "Megosztás más alkalmazással";
pub const COPIED: &str = "A link a vágólapra került.";
pub const COPY_FAILED: &str = "A linket nem sikerült másolni.";
pub const EMAIL_BODY_INTRO: &str = "Ezt a cikket ajánlom:";

pub const FONT_SIZE: &str = "Betűméret";
/// Names start with the visible "A-"/"A+" so speech users can say what they see (WCAG 2.5.3).
pub const FONT_SMALLER: &str = "A- (kisebb betűméret)";
pub const FONT_LARGER: &str = "A+ (nagyobb betűméret)";
pub const FONT_RESET: &str = "Eredeti betűméret";
pub const FONT_SIZE_NOW: &str = "Betűméret:";

/// The theme toggle's name; `aria-pressed` says whether it is on.
pub const DARK_THEME: &str = "Sötét mód";

pub const COUNTDOWN_DAYS: &str = "nap";
pub const COUNTDOWN_HOURS: &str = "óra";
pub const COUNTDOWN_MINUTES: &str = "perc";
pub const COUNTDOWN_SECONDS: &str = "másodperc";

pub const SEARCH_HITS: &str = "találat erre:";
pub const SEARCH_TOO_SHORT: &str =
    "Legalább hárombetűs, nem túl gyakori szavakra kereshet (a „hogy”, „és”, „egy” és társaik kimaradnak).";

/// The mark of a live blog whose coverage runs, on its page and on its cards.
pub const LIVE: &str = "Élő";
/// Names an entry that has no title (a share, a search engine): "Bejegyzés 2026.12.05. - 22:11".
pub const LIVE_ENTRY: &str = "Bejegyzés";
pub const LIVE_PINNED: &str = "Kiemelt";
pub const LIVE_TIMELINE: &str = "Percről percre";
pub const LIVE_ENTRY_LINK: &str = "A bejegyzés linkje";
pub const LIVE_ENDED: &str = "A tudósítás véget ért:";
pub const NEW_ARTICLES: &str = "Új cikkek";
pub const LIVE_RUNNING: &str = "A tudósítás folyamatosan frissül.";

/// "3 új bejegyzés": the control that shows entries that arrived while the reader was reading.
pub fn new_entries(n: usize) -> String {
    format!("{n} új bejegyzés")
}

/// "3 új cikk": the same on a list page.
pub fn new_articles(n: usize) -> String {
    format!("{n} új cikk")
}

/// What a screen reader hears once per batch of arrivals.
pub fn arrived_entries(n: usize) -> String {
    format!("{n} új bejegyzés érkezett.")
}

pub fn arrived_articles(n: usize) -> String {
    format!("{n} új cikk érkezett.")
}
