#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    errors_core_fuzz::retry_after_target(data);
});
