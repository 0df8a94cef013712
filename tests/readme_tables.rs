//! The README's tables that come from the code: regenerated with `CLUSAPI_SIM_BLESS=1`,
//! checked otherwise, so they never drift from what the library does.

use clusapi_sim::clusctl;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

/// Replaces (bless) or checks the text between `<!-- {tag}:start -->` and `<!-- {tag}:end -->`.
fn section(tag: &str, generated: &str) {
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
        "\n{} codes. Any other code, code 0, or a code for another object type: `ERROR_INVALID_FUNCTION` (1).\n",
        supported.len()
    ));
    section("control-codes", &table);
}
