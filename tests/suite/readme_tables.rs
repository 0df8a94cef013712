//! The README's tables that come from the code: regenerated with `CLUSAPI_SIM_BLESS=1`,
//! checked otherwise, so they never drift from what the library does.

use clusapi_sim::clusctl;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

/// Replaces (bless) or checks the text between `<!-- {tag}:start -->` and `<!-- {tag}:end -->`.
fn section(tag: &str, generated: &str) {
    // The tests of this file run in parallel and rewrite the one file: one at a time.
    static README_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = README_LOCK.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let (start, end) = (format!("<!-- {tag}:start -->\n"), format!("<!-- {tag}:end -->"));
    let text = std::fs::read_to_string(README).expect("README");
    let a = text.find(&start).map(|i| i + start.len()).expect("start marker");
    let b = text.find(&end).expect("end marker");
    if std::env::var("CLUSAPI_SIM_BLESS").as_deref() == Ok("1") {
        let new = format!("{}{generated}{}", &text[..a], &text[b..]);
        std::fs::write(README, new).expect("write README");
    } else {
        assert_eq!(&text[a..b], generated, "README section {tag} is stale: rerun with CLUSAPI_SIM_BLESS=1");
    }
}

#[test]
fn control_code_table_matches_the_code() {
    const OBJECTS: [(&str, &str); 7] = [
        ("CLUSTER", "cluster"),
        ("NODE", "node"),
        ("GROUP", "group"),
        ("RESOURCE", "resource"),
        ("RESOURCE_TYPE", "resource type"),
        ("NETWORK", "network"),
        ("NETINTERFACE", "net interface"),
    ];
    let supported = clusctl::supported();
    let mut functions: Vec<String> = Vec::new();
    for (name, _) in &supported {
        let function = OBJECTS
            .iter()
            .filter_map(|(o, _)| name.strip_prefix(&format!("CLUSCTL_{o}_")))
            .min_by_key(|f| f.len())
            .expect("an object prefix")
            .to_owned();
        if !functions.contains(&function) {
            functions.push(function);
        }
    }
    let mut table = String::from("| `CLUSCTL_<object>_…` |");
    for (_, label) in OBJECTS {
        table.push_str(&format!(" {label} |"));
    }
    table.push_str("\n|---|");
    table.push_str(&"---|".repeat(OBJECTS.len()));
    table.push('\n');
    for f in &functions {
        table.push_str(&format!("| `{f}` |"));
        for (o, _) in OBJECTS {
            let name = format!("CLUSCTL_{o}_{f}");
            let cell = match supported.iter().find(|(n, _)| *n == name) {
                Some((_, code)) => format!(" `{code:#010x}` |"),
                None => " — |".to_owned(),
            };
            table.push_str(&cell);
        }
        table.push('\n');
    }
    table.push_str(&format!(
        "\n{} codes; the other read-only codes of `clusapi.h` for these objects are in the next table. \
         Any other code, code 0, or a code for another object type: `ERROR_INVALID_FUNCTION` (1).\n",
        supported.len()
    ));
    section("control-codes", &table);
}

#[test]
fn specific_control_code_table_matches_the_code() {
    use clusctl::Handling;
    let mut table = String::from("| `CLUSCTL_*` | value | answer |\n|---|---|---|\n");
    let groups = [
        (Handling::Answered, "answered"),
        (Handling::Refused, "refused"),
        (Handling::Storage, "left for storage"),
    ];
    for (handling, label) in groups {
        for k in clusctl::specific().iter().filter(|k| k.handling == handling) {
            table.push_str(&format!("| `{}` ({label}) | `{:#010x}` | {} |\n", k.name, k.code, k.answer));
        }
    }
    let count = |h: Handling| clusctl::specific().iter().filter(|k| k.handling == h).count();
    table.push_str(&format!(
        "\n{} codes: {} answered, {} refused, {} left for the storage simulation.\n",
        clusctl::specific().len(),
        count(Handling::Answered),
        count(Handling::Refused),
        count(Handling::Storage)
    ));
    section("control-codes-specific", &table);
}
