#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    errors_core_fuzz::headers_target(data);
});
