//! Icon paths, plain Rust with no Leptos: the app's icons and press's prerendered pages include
//! this same file.

pub fn path(name: &str) -> &'static str {
    match name {
        "instagram" => "M7 2h10a5 5 0 0 1 5 5v10a5 5 0 0 1-5 5H7a5 5 0 0 1-5-5V7a5 5 0 0 1 5-5zm5 5a5 5 0 1 0 0 10 5 5 0 0 0 0-10zm6-1.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z",
        "facebook" => "M14 8h3V4h-3a4 4 0 0 0-4 4v2H7v4h3v8h4v-8h3l1-4h-4V8z",
        "twitter" | "x" => "M4 4l7 9-7 7h2l6-6 5 6h4l-7-9 7-7h-2l-6 6-5-6H4z",
        "youtube" => "M2 8a3 3 0 0 1 3-3h14a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3H5a3 3 0 0 1-3-3V8zm8 1v6l5-3-5-3z",
        "email" => "M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm1 2.5V17h16V7.5l-8 5.5-8-5.5zM5.5 7l6.5 4.5L18.5 7h-13z",
        "print" => "M7 3h10v4H7V3zM4 8h16a2 2 0 0 1 2 2v6h-4v5H6v-5H2v-6a2 2 0 0 1 2-2zm4 7v4h8v-4H8zm10-5a1 1 0 1 0 0 2 1 1 0 0 0 0-2z",
        "link" => "M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4L12 13.4a1 1 0 0 1-1.4 0zM8 11l-2 2a3 3 0 0 0 4.2 4.2l2-2 1.4 1.4-2 2A5 5 0 0 1 4.6 11.6l2-2L8 11zm8 2l2-2a3 3 0 0 0-4.2-4.2l-2 2-1.4-1.4 2-2a5 5 0 0 1 7 7l-2 2L16 13z",
        "share" => "M18 2a3 3 0 1 1-2.8 4.1L8.9 9.3a3 3 0 0 1 0 1.4l6.3 3.2A3 3 0 1 1 14.5 16l-6.3-3.2a3 3 0 1 1 0-3.6l6.3-3.2A3 3 0 0 1 18 2z",
        "coub" => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 4a5 5 0 0 1 4.5 2.8l-2.2 1.1A2.5 2.5 0 1 0 14.3 13l2.2 1.1A5 5 0 1 1 12 7z",
        _ => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z",
    }
}
