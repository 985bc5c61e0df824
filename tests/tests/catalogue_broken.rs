//! Every broken catalogue in `fixtures/broken/` is rejected with exactly the
//! located problems its `# expect:` header lines name, and none panics.
//! One file, one defect (one has several, to show they come together).

use std::fs;

use errors_tests::fixture;

#[test]
fn each_broken_catalogue_is_rejected_with_its_located_problems() {
    let dir = fixture("broken");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "the corpus has {} files", files.len());

    let mut failures = Vec::new();
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        let expected: Vec<&str> = text
            .lines()
            .map_while(|l| l.strip_prefix("# expect: "))
            .collect();
        assert!(
            !expected.is_empty(),
            "{} has no `# expect:` header",
            path.display()
        );
        let outcome = std::panic::catch_unwind(|| errors_catalogue::load_str(&text, path));
        let Ok(result) = outcome else {
            failures.push(format!("{}: the loader panicked", path.display()));
            continue;
        };
        let Err(problems) = result else {
            failures.push(format!("{}: accepted", path.display()));
            continue;
        };
        let got: Vec<String> = problems
            .list()
            .iter()
            .map(|d| {
                assert_eq!(d.path, *path, "diagnostics name the file");
                format!("{}:{}: {}", d.line, d.column, d.message)
            })
            .collect();
        if got != expected {
            failures.push(format!(
                "{}:\n  expected {expected:#?}\n  got      {got:#?}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn diagnostics_print_as_path_line_column() {
    let path = fixture("broken/keyword_identifier.yaml");
    let problems = errors_catalogue::load(&path).unwrap_err();
    let first = problems.to_string();
    let first = first.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("{}:108:9: error: ", path.display())),
        "{first}"
    );
    let rendered = problems.render(&fs::read_to_string(&path).unwrap());
    assert!(rendered.contains("108 |   - id: self"), "{rendered}");
    assert!(rendered.contains("^"), "{rendered}");
}

#[test]
fn a_missing_file_is_a_located_error_not_a_panic() {
    let problems = errors_catalogue::load(fixture("broken/no-such-file.yaml")).unwrap_err();
    assert_eq!(problems.list().len(), 1);
    assert!(
        problems.list()[0]
            .message
            .contains("cannot read the catalogue")
    );
}

#[test]
fn the_small_fixture_is_valid() {
    errors_catalogue::load(fixture("small.yaml")).unwrap();
}
