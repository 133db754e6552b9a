//! Reusable pieces of the page, one file each.

pub mod article_card;
pub mod article_list;
pub mod blocks;
pub mod countdown;
pub mod font_size;
pub mod footer;
pub mod head;
pub mod icons;
pub mod layout;
pub mod reading_progress;
pub mod header;
pub mod share_buttons;
pub mod sidebar;
pub mod status;
pub mod theme;
