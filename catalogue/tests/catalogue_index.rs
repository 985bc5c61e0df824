//! The resolved catalogue answers with the entries the file names: what
//! every reader of the catalogue (the emitter, `explain`, the site, the
//! diff) relies on instead of looking ids up itself.

use errors_catalogue::Catalogue;

fn catalogue() -> Catalogue {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../taxonomy.yaml");
    match errors_catalogue::load(path) {
        Ok(c) => c,
        Err(problems) => panic!("{problems}"),
    }
}

#[test]
fn every_code_is_found_by_its_id_and_by_each_of_its_spellings() {
    let c = catalogue();
    let mut spellings = 0;
    for code in c.codes() {
        assert_eq!(c.code(&code.id.value), Some(code));
        assert_eq!(c.code_named(&code.id.value), Some(code));
        for s in code.spellings() {
            spellings += 1;
            assert_eq!(s.code, code);
            assert_eq!(c.code_named(&s.text.value), Some(code), "{}", s.text.value);
            let found = c.spelling(s.source.id(), &s.text.value);
            let found =
                found.unwrap_or_else(|| panic!("`{}` of `{}`", s.text.value, s.source.id()));
            assert_eq!(
                (found.code, found.source, found.kind),
                (code, s.source, s.kind)
            );
        }
    }
    assert!(spellings > 0);
    assert_eq!(c.code_named("no such spelling"), None);
    let names: Vec<&str> = c.code_names().map(|(name, _)| name).collect();
    assert!(names.windows(2).all(|w| w[0] < w[1]), "sorted, each once");
}

#[test]
fn a_codes_status_and_category_are_the_entries_it_names() {
    let c = catalogue();
    for code in c.codes() {
        let status = code.status();
        assert_eq!(status.number(), code.status.value);
        assert_eq!(c.status(code.status.value), Some(status));
        assert!(status.codes().any(|x| x == code), "{}", code.id());
        assert_eq!(code.category().id(), code.category.value);
        for (source, wire) in code.wire() {
            assert_eq!(source.id(), wire.source.value);
            assert!(source.codes().any(|x| x == code));
        }
    }
    for status in c.statuses() {
        assert!(
            status
                .codes()
                .all(|code| code.status.value == status.number())
        );
        let category = status.category().map(|x| x.id());
        assert_eq!(category, status.category.as_ref().map(|x| x.value.as_str()));
    }
}

#[test]
fn task_entries_point_at_their_source_and_code() {
    let c = catalogue();
    for e in c.error_types() {
        assert_eq!(
            e.code(),
            c.code(&e.code.value)
                .unwrap_or_else(|| panic!("{}", e.id()))
        );
        assert_eq!(e.source().id(), e.source.value);
        assert!(e.code().error_types().any(|x| x == e));
        assert!(e.source().error_types().any(|x| x == e));
    }
    for t in c.task_statuses() {
        assert_eq!(t.source().id(), t.source.value);
        assert!(t.source().task_statuses().any(|x| x == t));
    }
    for l in c.limits() {
        assert_eq!(l.source().id(), l.source.value);
        assert!(l.source().limits().any(|x| x == l));
    }
}

#[test]
fn an_unresolved_reference_is_a_located_problem() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../taxonomy.yaml"))
        .unwrap_or_default();
    let edited = text.replacen("    status: 429\n", "    status: 428\n", 1);
    assert_ne!(edited, text, "the catalogue has a code with status 429");
    let problems = match errors_catalogue::load_str(&edited, "t.yaml") {
        Ok(_) => panic!("a code with an uncatalogued status loaded"),
        Err(problems) => problems,
    };
    assert!(
        problems
            .list()
            .iter()
            .any(|d| d.line > 0 && d.message.contains("status 428, which is not catalogued")),
        "{problems}"
    );
}
