//! The reference site in a real browser: headless Chromium, driven through
//! chromedriver's W3C WebDriver protocol, opens the generated page from
//! `file://`, types queries as a person would, and follows the first result.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them).
//! Without them the test says so and passes, unless `CI` is set, where it
//! fails: CI must run it.
//!
//! The WebDriver client is a few lines over `std::net` (HTTP/1.1, JSON
//! bodies): everything stays on loopback and nothing else is needed.
//! With `SITE_SCREENSHOTS=DIR` the test also saves the README's
//! screenshots (`index.png`, `status-429.png`) into DIR.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// chromedriver and its browser, stopped when dropped, even when a test
/// assertion panics.
struct Browser {
    driver: Child,
    port: u16,
    session: Option<String>,
    /// The browser's own profile; its path also names the browser's
    /// processes if chromedriver leaves any behind.
    profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(session) = self.session.take() {
            // Closes the browser; its answer does not matter any more.
            let _ = http(self.port, "DELETE", &format!("/session/{session}"), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        kill_left_over(self.profile.path());
    }
}

/// Kills any process still running with our profile directory on its
/// command line: only the browser this test started can have it.
fn kill_left_over(profile: &Path) {
    let needle = format!("--user-data-dir={}", profile.display());
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        if String::from_utf8_lossy(&cmdline).contains(&needle) {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        }
    }
}

/// One HTTP/1.1 request to chromedriver on loopback; the JSON answer.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream =
        TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("send: {e}"))?;
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader
        .read_line(&mut status_line)
        .map_err(|e| format!("read: {e}"))?;
    let mut length = None;
    let mut chunked = false;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).map_err(|e| e.to_string())?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-length") {
                length = value.parse::<usize>().ok();
            } else if name.eq_ignore_ascii_case("transfer-encoding") && value.contains("chunked") {
                chunked = true;
            }
        }
    }
    let mut raw = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).map_err(|e| e.to_string())?;
            let size = usize::from_str_radix(size.trim(), 16).map_err(|e| e.to_string())?;
            if size == 0 {
                break;
            }
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).map_err(|e| e.to_string())?;
            raw.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(length) = length {
        raw.resize(length, 0);
        reader.read_exact(&mut raw).map_err(|e| e.to_string())?;
    } else {
        reader.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    }
    let value: Value = serde_json::from_slice(&raw).map_err(|e| {
        format!(
            "{status_line}: not JSON ({e}): {}",
            String::from_utf8_lossy(&raw)
        )
    })?;
    if status_line.split_whitespace().nth(1) != Some("200") {
        return Err(format!("{} {path}: {}", status_line.trim(), value["value"]));
    }
    Ok(value["value"].clone())
}

impl Browser {
    /// Starts chromedriver on a free loopback port and a headless Chromium
    /// session with a fresh profile.
    fn start() -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free loopback port")
            .port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let mut browser = Browser {
            driver,
            port,
            session: None,
            profile: tempfile::tempdir().expect("a profile directory"),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while http(port, "GET", "/status", None)
            .map(|v| v["ready"] != true)
            .unwrap_or(true)
        {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not become ready"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1200,900",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .chain([format!(
            "--user-data-dir={}",
            browser.profile.path().display()
        )])
        .collect::<Vec<_>>();
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
        }}});
        let session = http(port, "POST", "/session", Some(&capabilities))
            .unwrap_or_else(|e| panic!("no browser session: {e}"));
        browser.session = Some(
            session["sessionId"]
                .as_str()
                .expect("a session id")
                .to_string(),
        );
        browser
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let session = self.session.as_deref().expect("a session");
        let path = format!("/session/{session}{path}");
        http(self.port, method, &path, body.as_ref())
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    fn open(&self, url: &str) {
        self.call("POST", "/url", Some(json!({"url": url})));
    }

    fn script(&self, script: &str, args: Value) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
    }

    fn element(&self, css: &str) -> String {
        let found = self.call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .expect("an element reference")
            .to_string()
    }

    fn keys(&self, element: &str, text: &str) {
        self.call(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({"text": text})),
        );
    }

    /// The results' links, in order, once the list shows `expected` first
    /// (or whatever it shows after five seconds).
    fn results_led_by(&self, expected: &str) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let links: Vec<String> = self
                .script(
                    "return Array.from(document.querySelectorAll('#results a')).map(a => a.getAttribute('href'));",
                    json!([]),
                )
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
                .unwrap_or_default();
            if links.first().map(String::as_str) == Some(expected) || Instant::now() > deadline {
                return links;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn screenshot(&self, path: &Path) {
        let data = self.call("GET", "/screenshot", None);
        let png = base64_decode(data.as_str().expect("base64 PNG"));
        std::fs::write(path, png).expect("screenshot written");
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => 0,
    };
    let bytes: Vec<u8> = text.bytes().filter(|&c| c != b'=' && c != b'\n').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &c)| n | u32::from(value(c)) << (18 - 6 * i));
        let [_, a, b, c] = n.to_be_bytes();
        out.extend_from_slice(&[a, b, c][..chunk.len() - 1]);
    }
    out
}

/// Whether the browser can run here; `false` means skip with a notice.
fn browser_available() -> bool {
    let present = Path::new(CHROMEDRIVER).exists() && Path::new(CHROMIUM).exists();
    if !present {
        assert!(
            std::env::var_os("CI").is_none(),
            "{CHROMEDRIVER} or {CHROMIUM} is missing: install the Debian packages `chromium` and `chromium-driver` (`.ci/run` does)"
        );
        eprintln!(
            "notice: site_browser skipped: {CHROMEDRIVER} or {CHROMIUM} is missing (apt-get install chromium chromium-driver)"
        );
    }
    present
}

/// The queries of the issue and the anchor each must put first. The codes
/// are found from the catalogue's wire facts, not from the search.
fn queries() -> Vec<(&'static str, String)> {
    let c = errors_tests::catalogue();
    let code_with_message = |f: &dyn Fn(&str) -> bool| {
        c.codes()
            .iter()
            .find(|code| {
                code.wire
                    .iter()
                    .any(|w| w.message.as_ref().is_some_and(|m| f(&m.value)))
            })
            .map(|code| format!("#code-{}", code.id.value))
            .expect("the catalogue has the message")
    };
    vec![
        ("429", "#status-429".to_string()),
        (
            "RATE_LIMIT_EXCEEDED",
            "#code-rate_limit_exceeded".to_string(),
        ),
        (
            "workflow is locked",
            code_with_message(&|m| m.eq_ignore_ascii_case("workflow is locked")),
        ),
        (
            "App not found",
            code_with_message(&|m| m.starts_with("App not found")),
        ),
    ]
}

fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let page = errors_tools::site::write(
        &errors_tests::catalogue(),
        dir.path(),
        errors_tools::site::Format::Html,
    )
    .expect("the site is written");
    (dir, page)
}

#[test]
fn typed_queries_put_the_right_entry_first_and_its_link_lands_on_it() {
    if !browser_available() {
        return;
    }
    let (_dir, page) = site();
    let url = format!("file://{}", page.display());
    let browser = Browser::start();
    for (i, (query, expected)) in queries().into_iter().enumerate() {
        browser.open(&url);
        let input = browser.element("#q");
        browser.call("POST", &format!("/element/{input}/clear"), Some(json!({})));
        for c in query.chars() {
            browser.keys(&input, &c.to_string());
        }
        let links = browser.results_led_by(&expected);
        assert_eq!(
            links.first(),
            Some(&expected),
            "first result for `{query}`; all: {links:?}"
        );
        // Half the queries follow the result with the mouse, half with the
        // keyboard alone (down arrow, then Enter).
        if i % 2 == 0 {
            let first = browser.element("#results a");
            browser.call("POST", &format!("/element/{first}/click"), Some(json!({})));
        } else {
            browser.keys(&input, "\u{E015}");
            let focused = browser.script(
                "return document.activeElement.getAttribute('href');",
                json!([]),
            );
            assert_eq!(
                focused,
                json!(expected),
                "the down arrow focuses the first result"
            );
            let first = browser.element("#results a");
            browser.keys(&first, "\u{E007}");
        }
        let id = &expected[1..];
        let deadline = Instant::now() + Duration::from_secs(5);
        let landed = loop {
            let landed = browser.script(
                "const e = document.getElementById(arguments[0]); const r = e.getBoundingClientRect(); return [location.hash, r.top, innerHeight];",
                json!([id]),
            );
            let top = landed[1].as_f64().unwrap_or(-1.0);
            let height = landed[2].as_f64().unwrap_or(0.0);
            if (landed[0] == json!(expected) && top >= 0.0 && top < height)
                || Instant::now() > deadline
            {
                break landed;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert_eq!(landed[0], json!(expected), "location after `{query}`");
        let top = landed[1].as_f64().unwrap_or(-1.0);
        let height = landed[2].as_f64().unwrap_or(0.0);
        assert!(
            top >= 0.0 && top < height,
            "`{expected}` is not in the viewport after following it: {landed}"
        );
    }
    // A status no document names finds its class.
    browser.open(&url);
    let input = browser.element("#q");
    browser.call("POST", &format!("/element/{input}/clear"), Some(json!({})));
    for c in "418".chars() {
        browser.keys(&input, &c.to_string());
    }
    let links = browser.results_led_by("#status-class-4xx");
    assert_eq!(
        links.first().map(String::as_str),
        Some("#status-class-4xx"),
        "{links:?}"
    );

    // The page fetched nothing: everything it needs is inline.
    let fetched = browser.script(
        "return performance.getEntriesByType('resource').map(e => e.name);",
        json!([]),
    );
    assert_eq!(fetched, json!([]), "the page fetched resources");

    if let Some(dir) = std::env::var_os("SITE_SCREENSHOTS") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        // The index as a person sees it while typing a query.
        browser.open(&url);
        let input = browser.element("#q");
        browser.call("POST", &format!("/element/{input}/clear"), Some(json!({})));
        for c in "rate limit".chars() {
            browser.keys(&input, &c.to_string());
        }
        browser.results_led_by("#code-rate_limit_exceeded");
        browser.screenshot(&dir.join("index.png"));
        // A fresh load (not a hash change on the same page), so the entry
        // is seen as a link from a ticket shows it.
        browser.open("about:blank");
        browser.open(&format!("{url}#status-429"));
        browser.screenshot(&dir.join("status-429.png"));
    }
}

#[test]
fn the_site_fits_a_360_pixel_screen() {
    if !browser_available() {
        return;
    }
    let (_dir, page) = site();
    let url = format!("file://{}", page.display());
    let browser = Browser::start();
    browser.call(
        "POST",
        "/window/rect",
        Some(json!({"width": 360, "height": 800})),
    );
    browser.open(&url);
    // Every element's right edge within the viewport, and nothing to scroll
    // sideways: a phone reads the whole page by scrolling down only.
    let overflow = browser.script(
        "const width = document.documentElement.clientWidth;
         const wide = [];
         for (const e of document.querySelectorAll('body *')) {
           const r = e.getBoundingClientRect();
           if (r.width > 0 && r.right > width + 1 && getComputedStyle(e).overflowX !== 'auto') {
             let inside = false;
             for (let p = e.parentElement; p; p = p.parentElement) {
               const s = getComputedStyle(p).overflowX;
               if (s === 'auto' || s === 'scroll') { inside = true; break; }
             }
             if (!inside) wide.push(e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' ' + Math.round(r.right));
           }
         }
         return [width, document.documentElement.scrollWidth, wide.slice(0, 10)];",
        json!([]),
    );
    let width = overflow[0].as_f64().unwrap_or(0.0);
    let scroll = overflow[1].as_f64().unwrap_or(f64::MAX);
    assert!(width <= 360.0, "the viewport is {width} px wide");
    assert!(
        scroll <= width + 1.0,
        "the page scrolls sideways at {width} px: {overflow}"
    );
    assert_eq!(
        overflow[2],
        json!([]),
        "elements past the right edge: {overflow}"
    );
}
