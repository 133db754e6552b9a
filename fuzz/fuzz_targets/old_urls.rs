#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_targets::old_urls::old_url(data));
