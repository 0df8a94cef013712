//! Property lists: the captures of a real cluster decode and re-encode byte for byte, every
//! format round-trips, and malformed input fails with `ERROR_INVALID_DATA` or
//! `ERROR_INVALID_PARAMETER`, never with a panic.

use clusapi_sim::{
    CLUSPROP_SYNTAX_ENDMARK, CLUSPROP_SYNTAX_NAME, PropertyFormat, PropertyList, PropertyValue, codes::*,
    multi_sz_to_bytes, sz_to_bytes,
};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The bytes of a fixture in `tests/fixtures/real-property-lists/` (hex, any whitespace).
fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/real-property-lists/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let hex: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert_eq!(hex.len() % 2, 0, "{name}: odd number of hex digits");
    hex.chunks(2).map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap()).collect()
}

const FIXTURES: [(&str, usize); 4] = [
    ("cluster_common.hex", 74),
    ("resource_common_generic_service.hex", 15),
    ("resource_ro_common_generic_service.hex", 6),
    ("resource_ro_private_ip_address.hex", 5),
];

fn le(v: u32) -> [u8; 4] {
    v.to_le_bytes()
}

/// One raw entry: syntax, length, data, zero padding.
fn entry(syntax: u32, data: &[u8]) -> Vec<u8> {
    let len = u32::try_from(data.len()).unwrap();
    raw_entry(syntax, len, data)
}

/// One raw entry with any length field.
fn raw_entry(syntax: u32, len: u32, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend(le(syntax));
    out.extend(le(len));
    out.extend(data);
    while out.len() % 4 != 0 {
        out.push(0);
    }
    out
}

fn name_entry(name: &str) -> Vec<u8> {
    entry(CLUSPROP_SYNTAX_NAME, &sz_to_bytes(name))
}

/// A hand-built list of one DWORD property `Delay` = 5, with the trailing ENDMARK.
fn one_dword() -> Vec<u8> {
    let mut b = le(1).to_vec();
    b.extend(name_entry("Delay"));
    b.extend(entry(PropertyFormat::Dword.syntax(), &le(5)));
    b.extend(le(CLUSPROP_SYNTAX_ENDMARK));
    b.extend(le(CLUSPROP_SYNTAX_ENDMARK));
    b
}

fn code_of(bytes: &[u8]) -> u32 {
    match PropertyList::parse(bytes) {
        Ok(list) => panic!("parsed a malformed list: {list:?}"),
        Err(e) => {
            assert!(e.to_string().contains("property list"), "message names the list: {e}");
            e.code()
        }
    }
}

fn roundtrip(list: &PropertyList) {
    let bytes = list.to_bytes();
    assert_eq!(bytes.len() % 4, 0);
    assert_eq!(bytes[..4], le(u32::try_from(list.len()).unwrap()));
    assert_eq!(bytes[bytes.len() - 4..], [0; 4], "the trailing ENDMARK");
    assert_eq!(&PropertyList::parse(&bytes).unwrap(), list);
    assert_eq!(
        &PropertyList::parse(&bytes[..bytes.len() - 4]).unwrap(),
        list,
        "without the trailing ENDMARK"
    );
}

// ---------------------------------------------------------------------------------------------
// The captures of a real cluster
// ---------------------------------------------------------------------------------------------

#[test]
fn fixtures_parse_with_the_documented_counts_and_reencode_byte_for_byte() {
    for (name, count) in FIXTURES {
        let bytes = fixture(name);
        let list = PropertyList::parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(list.len(), count, "{name}");
        assert_eq!(list.names().len(), count, "{name}");
        assert_eq!(list.to_bytes(), bytes, "{name}: re-encoding gives back the capture exactly");
        // A real cluster's lists end with one more ENDMARK; without it they parse the same.
        assert_eq!(bytes[bytes.len() - 8..], [0; 8], "{name}");
        assert_eq!(PropertyList::parse(&bytes[..bytes.len() - 4]).unwrap(), list, "{name}");
    }
}

#[test]
fn cluster_common_properties() {
    let list = PropertyList::parse(&fixture("cluster_common.hex")).unwrap();
    let names = list.names();
    assert_eq!(names.first(), Some(&"AddEvictDelay"));
    assert_eq!(names.last(), Some(&"WprSessionCoolOffTime"));
    assert_eq!(list.get("AddEvictDelay"), Some(&PropertyValue::Dword(60)));
    assert_eq!(list.get("clusterlogsize"), Some(&PropertyValue::Dword(1536)), "lookups ignore case");
    assert_eq!(list.get("Description"), Some(&PropertyValue::Sz(String::new())));
    assert_eq!(list.get("PreferredSite"), Some(&PropertyValue::Sz(String::new())));
    assert_eq!(list.get("SharedVolumeCompatibleFilters"), Some(&PropertyValue::MultiSz(vec![])));
    assert_eq!(list.get("DumpPolicy"), Some(&PropertyValue::ULargeInteger(1_375_801_625)));
    assert_eq!(list.get("S2DCacheBehavior"), Some(&PropertyValue::ULargeInteger(88)));
    assert_eq!(list.get("RecentEventsResetTime"), Some(&PropertyValue::FileTime(134_361_186_894_390_000)));
    match list.get("Security Descriptor") {
        Some(PropertyValue::Binary(sd)) => {
            assert_eq!(sd.len(), 396);
            assert_eq!(sd[..2], [1, 0], "a self-relative security descriptor, revision 1");
        }
        other => panic!("Security Descriptor: {other:?}"),
    }
    match list.get("SharedVolumeSecurityDescriptor") {
        Some(PropertyValue::Binary(sd)) => assert_eq!(sd.len(), 280),
        other => panic!("SharedVolumeSecurityDescriptor: {other:?}"),
    }
    // This capture's MULTI_SZ carries one NUL more than the four strings need; it surfaces as
    // a trailing empty string so that re-encoding is exact.
    assert_eq!(
        list.get("EnabledEventLogs"),
        Some(&PropertyValue::MultiSz(vec![
            "Microsoft-Windows-Hyper-V-VmSwitch-Diagnostic,4,0xFFFFFFFD".into(),
            "Microsoft-Windows-SMBDirect/Debug,4".into(),
            "Microsoft-Windows-SMBServer/Analytic".into(),
            "Microsoft-Windows-Kernel-LiveDump/Analytic".into(),
            String::new(),
        ]))
    );
    let formats: Vec<PropertyFormat> = list.iter().map(|(_, v)| v.format()).collect();
    for f in [
        PropertyFormat::Dword,
        PropertyFormat::Sz,
        PropertyFormat::MultiSz,
        PropertyFormat::ULargeInteger,
        PropertyFormat::FileTime,
        PropertyFormat::Binary,
    ] {
        assert!(formats.contains(&f), "{f:?}");
    }
    assert_eq!(formats.iter().filter(|&&f| f == PropertyFormat::Dword).count(), 64);
}

#[test]
fn generic_service_resource_properties() {
    let list = PropertyList::parse(&fixture("resource_common_generic_service.hex")).unwrap();
    assert_eq!(list.names().first(), Some(&"DeadlockTimeout"));
    assert_eq!(list.get("DeadlockTimeout"), Some(&PropertyValue::Dword(300_000)));
    assert_eq!(list.get("IsAlivePollInterval"), Some(&PropertyValue::Dword(u32::MAX)));
    assert_eq!(list.get("LooksAlivePollInterval"), Some(&PropertyValue::Dword(u32::MAX)));
    assert_eq!(list.get("RestartAction"), Some(&PropertyValue::Dword(2)));
    assert_eq!(list.get("Type"), Some(&PropertyValue::Sz("Generic Service".into())));
    assert_eq!(list.get("Description"), Some(&PropertyValue::Sz(String::new())));
    assert_eq!(list.get("ResourceSpecificStatus"), Some(&PropertyValue::Sz(String::new())));
    assert_eq!(list.get("Name"), None);

    let ro = PropertyList::parse(&fixture("resource_ro_common_generic_service.hex")).unwrap();
    assert_eq!(
        ro.names(),
        [
            "Name",
            "MonitorProcessId",
            "StatusInformation",
            "LastOperationStatusCode",
            "ResourceSpecificData1",
            "ResourceSpecificData2"
        ]
    );
    assert_eq!(ro.get("Name"), Some(&PropertyValue::Sz("CI Generic Service".into())));
    assert_eq!(ro.get("MonitorProcessId"), Some(&PropertyValue::Dword(9092)));
    assert_eq!(ro.get("StatusInformation"), Some(&PropertyValue::ULargeInteger(0)));
    assert_eq!(ro.get("ResourceSpecificData2"), Some(&PropertyValue::ULargeInteger(0)));
}

#[test]
fn ip_address_private_properties() {
    let list = PropertyList::parse(&fixture("resource_ro_private_ip_address.hex")).unwrap();
    assert_eq!(
        list.names(),
        ["LeaseObtainedTime", "LeaseExpiresTime", "DhcpServer", "DhcpAddress", "DhcpSubnetMask"]
    );
    assert_eq!(list.get("LeaseObtainedTime"), Some(&PropertyValue::FileTime(0)));
    assert_eq!(list.get("LeaseExpiresTime"), Some(&PropertyValue::FileTime(0)));
    assert_eq!(list.get("DhcpServer"), Some(&PropertyValue::Sz("255.255.255.255".into())));
    assert_eq!(list.get("DhcpAddress"), Some(&PropertyValue::Sz("0.0.0.0".into())));
    assert_eq!(list.get("DhcpSubnetMask"), Some(&PropertyValue::Sz("255.0.0.0".into())));
}

#[test]
fn fixture_layout_facts() {
    // resource_ro_private_ip_address: "LeaseObtainedTime" (17 characters + NUL = 36 bytes), then
    // a FILETIME whose length field says 8 and whose data follows it directly.
    let b = fixture("resource_ro_private_ip_address.hex");
    assert_eq!(b[..4], le(5));
    assert_eq!(b[4..8], le(CLUSPROP_SYNTAX_NAME));
    assert_eq!(b[8..12], le(36), "name length: bytes including the NUL");
    assert_eq!(b[48..52], le(0x0001_000c));
    assert_eq!(b[52..56], le(8));
    assert_eq!(b[64..68], le(CLUSPROP_SYNTAX_ENDMARK));
    // resource_ro_common_generic_service: "StatusInformation" puts its ULARGE_INTEGER data at an
    // offset that is 4 mod 8: no alignment padding before 8-byte values.
    let b = fixture("resource_ro_common_generic_service.hex");
    let value_at = 4 + 8 + 12 + 8 + 40 + 4 + 8 + 36 + 8 + 4 + 4 + 8 + 36;
    assert_eq!(b[value_at..value_at + 8], [le(0x0001_0006), le(8)].concat());
    assert_eq!((value_at + 8) % 8, 4);
    assert_eq!(b[value_at + 16..value_at + 20], [0; 4], "the ENDMARK right after the 8 bytes");
    // An empty SZ: length 2 (the NUL), then 2 bytes of padding.
    let list = PropertyList::new().with("Description", PropertyValue::Sz(String::new()));
    let b = fixture("resource_common_generic_service.hex");
    let description = &list.to_bytes()[4..list.to_bytes().len() - 4];
    assert!(b.windows(description.len()).any(|w| w == description));
}

#[test]
fn format_lists_of_the_fixtures() {
    for (name, count) in FIXTURES {
        let list = PropertyList::parse(&fixture(name)).unwrap();
        let formats = list.formats();
        assert_eq!(formats.len(), count);
        assert_eq!(formats.names(), list.names());
        for ((_, value), (_, format)) in list.iter().zip(formats.iter()) {
            assert_eq!(format, &PropertyValue::Word(value.format().code()));
        }
        roundtrip(&formats);
    }
    let formats = PropertyList::new().with("Type", PropertyValue::Sz("x".into())).formats();
    let mut expected = le(1).to_vec();
    expected.extend(name_entry("Type"));
    expected.extend([le(0x0001_000b), le(2)].concat());
    expected.extend([3, 0, 0, 0]); // CLUSPROP_FORMAT_SZ, then padding
    expected.extend([0; 8]);
    assert_eq!(formats.to_bytes(), expected);
}

// ---------------------------------------------------------------------------------------------
// Encoding and round trips of every format
// ---------------------------------------------------------------------------------------------

#[test]
fn format_codes_and_syntaxes() {
    let all = [
        (PropertyFormat::Binary, 1, 0x0001_0001),
        (PropertyFormat::Dword, 2, 0x0001_0002),
        (PropertyFormat::Sz, 3, 0x0001_0003),
        (PropertyFormat::ExpandSz, 4, 0x0001_0004),
        (PropertyFormat::MultiSz, 5, 0x0001_0005),
        (PropertyFormat::ULargeInteger, 6, 0x0001_0006),
        (PropertyFormat::Long, 7, 0x0001_0007),
        (PropertyFormat::LargeInteger, 10, 0x0001_000a),
        (PropertyFormat::Word, 11, 0x0001_000b),
        (PropertyFormat::FileTime, 12, 0x0001_000c),
    ];
    for (format, code, syntax) in all {
        assert_eq!(format.code(), code);
        assert_eq!(format.syntax(), syntax);
        assert_eq!(PropertyFormat::from_code(code), Some(format));
    }
    for code in [0, 8, 9, 13, 0x8000, u16::MAX] {
        assert_eq!(PropertyFormat::from_code(code), None, "{code}");
    }
    assert_eq!(PropertyValue::Word(1).syntax(), 0x0001_000b);
    assert_eq!(PropertyValue::MultiSz(vec![]).syntax(), 0x0001_0005);
}

#[test]
fn string_helpers() {
    assert_eq!(sz_to_bytes(""), [0, 0]);
    assert_eq!(sz_to_bytes("é"), [0xe9, 0, 0, 0]);
    assert_eq!(sz_to_bytes("😀"), [0x3d, 0xd8, 0x00, 0xde, 0, 0]);
    assert_eq!(multi_sz_to_bytes(&[] as &[&str]), [0, 0]);
    assert_eq!(multi_sz_to_bytes(&[""]), [0, 0, 0, 0]);
    assert_eq!(multi_sz_to_bytes(&["a".to_string()]), [b'a', 0, 0, 0, 0, 0]);
    assert_eq!(multi_sz_to_bytes(&["a", "bc"]), [b'a', 0, 0, 0, b'b', 0, b'c', 0, 0, 0, 0, 0]);
}

#[test]
fn every_format_round_trips_with_edge_cases() {
    let values = [
        PropertyValue::Binary(vec![]),
        PropertyValue::Binary(vec![0xff]),
        PropertyValue::Binary(vec![1, 2, 3, 4, 5]),
        PropertyValue::Binary((0..=255).collect()),
        PropertyValue::Dword(0),
        PropertyValue::Dword(u32::MAX),
        PropertyValue::Sz(String::new()),
        PropertyValue::Sz("x".into()),
        PropertyValue::Sz("Generic Service".into()),
        PropertyValue::Sz("Ünïcödé ✓ 😀 日本".into()),
        PropertyValue::ExpandSz(String::new()),
        PropertyValue::ExpandSz("%SystemRoot%\\Cluster".into()),
        PropertyValue::MultiSz(vec![]),
        PropertyValue::MultiSz(vec![String::new()]),
        PropertyValue::MultiSz(vec!["a".into()]),
        PropertyValue::MultiSz(vec!["a".into(), String::new(), "b".into()]),
        PropertyValue::MultiSz(vec!["NODE1".into(), "NODE2".into(), String::new()]),
        PropertyValue::MultiSz(vec!["😀".into(), "ß".into()]),
        PropertyValue::ULargeInteger(0),
        PropertyValue::ULargeInteger(u64::MAX),
        PropertyValue::Long(0),
        PropertyValue::Long(-1),
        PropertyValue::Long(i32::MIN),
        PropertyValue::Long(i32::MAX),
        PropertyValue::LargeInteger(i64::MIN),
        PropertyValue::LargeInteger(i64::MAX),
        PropertyValue::LargeInteger(-2),
        PropertyValue::Word(0),
        PropertyValue::Word(u16::MAX),
        PropertyValue::FileTime(0),
        PropertyValue::FileTime(u64::MAX),
        PropertyValue::FileTime(134_361_186_894_390_000),
    ];
    let mut all = PropertyList::new();
    for (i, value) in values.iter().enumerate() {
        // Names of every length mod 4, some of them non-ASCII.
        let name = match i % 4 {
            0 => format!("P{i}"),
            1 => format!("Prop{i}é"),
            2 => format!("Ωμέγα{i}"),
            _ => format!("😀 {i}"),
        };
        roundtrip(&PropertyList::new().with(name.clone(), value.clone()));
        all.push(name, value.clone());
    }
    roundtrip(&all);
    roundtrip(&PropertyList::new());
    assert_eq!(PropertyList::new().to_bytes(), [0; 8]);
    assert_eq!(PropertyList::parse(&[0; 4]).unwrap(), PropertyList::new());
}

#[test]
fn value_entry_lengths() {
    // (value, length field, padded data)
    let cases: [(PropertyValue, u32, &[u8]); 10] = [
        (PropertyValue::Binary(vec![]), 0, &[]),
        (PropertyValue::Binary(vec![7]), 1, &[7, 0, 0, 0]),
        (PropertyValue::Sz(String::new()), 2, &[0, 0, 0, 0]),
        (PropertyValue::Sz("ab".into()), 6, &[b'a', 0, b'b', 0, 0, 0, 0, 0]),
        (PropertyValue::MultiSz(vec![]), 2, &[0, 0, 0, 0]),
        (PropertyValue::MultiSz(vec!["a".into()]), 6, &[b'a', 0, 0, 0, 0, 0, 0, 0]),
        (PropertyValue::Word(0x1234), 2, &[0x34, 0x12, 0, 0]),
        (PropertyValue::Long(-2), 4, &[0xfe, 0xff, 0xff, 0xff]),
        (PropertyValue::ULargeInteger(0x0102_0304_0506_0708), 8, &[8, 7, 6, 5, 4, 3, 2, 1]),
        (PropertyValue::FileTime(0x0102_0304_0506_0708), 8, &[8, 7, 6, 5, 4, 3, 2, 1]),
    ];
    for (value, len, data) in cases {
        // The name "AB" (6 bytes, padded to 8) puts the value at byte 20, its data at 28
        // (4 mod 8): 8-byte values get no alignment padding.
        let bytes = PropertyList::new().with("AB", value.clone()).to_bytes();
        let mut expected = le(1).to_vec();
        expected.extend([le(CLUSPROP_SYNTAX_NAME), le(6)].concat());
        expected.extend([b'A', 0, b'B', 0, 0, 0, 0, 0]);
        expected.extend([le(value.syntax()), le(len)].concat());
        expected.extend(data);
        expected.extend([0; 8]);
        assert_eq!(bytes, expected, "{value:?}");
    }
}

#[test]
fn foreign_encodings_parse() {
    // An SZ with NULs inside (a registry value written with extra NULs) keeps them and
    // re-encodes exactly.
    let mut b = le(1).to_vec();
    b.extend(name_entry("S"));
    b.extend(entry(PropertyFormat::Sz.syntax(), &[b'a', 0, 0, 0, 0, 0]));
    b.extend(le(0));
    let list = PropertyList::parse(&b).unwrap();
    assert_eq!(list.get("S"), Some(&PropertyValue::Sz("a\0".into())));
    assert_eq!(list.to_bytes()[..b.len()], b);
    // Non-zero padding is not checked (the cluster service ignores it), and is written back
    // as zeros.
    let mut c = le(1).to_vec();
    c.extend(name_entry("D"));
    c.extend(entry(PropertyFormat::Binary.syntax(), &[1]));
    c.extend(le(0));
    let last_padding_byte = c.len() - 5;
    assert_eq!(c[last_padding_byte - 3], 1, "the binary's one byte");
    c[last_padding_byte] = 0xaa;
    let list = PropertyList::parse(&c).unwrap();
    assert_eq!(list.get("D"), Some(&PropertyValue::Binary(vec![1])));
    assert_eq!(list.to_bytes()[last_padding_byte], 0);
}

// ---------------------------------------------------------------------------------------------
// Malformed input, one case each
// ---------------------------------------------------------------------------------------------

#[test]
fn malformed_truncated() {
    let b = one_dword();
    // Every strict prefix that is not the list minus its final ENDMARK is refused.
    for cut in 0..b.len() {
        if cut == b.len() - 4 {
            continue;
        }
        assert_eq!(code_of(&b[..cut]), ERROR_INVALID_DATA, "cut at {cut}");
    }
    assert_eq!(code_of(&[]), ERROR_INVALID_DATA);
    assert_eq!(code_of(&[1, 0]), ERROR_INVALID_DATA);
}

#[test]
fn malformed_length_past_the_end() {
    for len in [5, 64, 0x7fff_ffff, u32::MAX] {
        // The name's length.
        let mut b = one_dword();
        b[8..12].copy_from_slice(&le(len));
        assert_eq!(code_of(&b), ERROR_INVALID_DATA, "name length {len}");
        // The value's length.
        let mut b = one_dword();
        b[28..32].copy_from_slice(&le(len));
        assert_eq!(code_of(&b), ERROR_INVALID_DATA, "value length {len}");
    }
    // A length that fits the buffer but not the format: a DWORD of 3 or 8 bytes.
    for len in [0, 3, 8] {
        let mut b = le(1).to_vec();
        b.extend(name_entry("Delay"));
        b.extend(entry(PropertyFormat::Dword.syntax(), &vec![0; len]));
        b.extend(le(0));
        assert_eq!(code_of(&b), ERROR_INVALID_DATA, "DWORD of {len} bytes");
    }
    // A FILETIME of 4 bytes.
    let mut b = le(1).to_vec();
    b.extend(name_entry("T"));
    b.extend(entry(PropertyFormat::FileTime.syntax(), &[0; 4]));
    b.extend(le(0));
    assert_eq!(code_of(&b), ERROR_INVALID_DATA);
}

#[test]
fn malformed_missing_end_mark() {
    // Both ENDMARKs gone: the value runs into the end of the buffer. (Only one of the two
    // gone is indistinguishable from a list without the optional final ENDMARK.)
    let b = one_dword();
    assert_eq!(code_of(&b[..36]), ERROR_INVALID_DATA);
    // A second value where the ENDMARK belongs.
    let mut b = le(1).to_vec();
    b.extend(name_entry("Delay"));
    b.extend(entry(PropertyFormat::Dword.syntax(), &le(5)));
    b.extend(entry(PropertyFormat::Dword.syntax(), &le(6)));
    b.extend(le(0));
    assert_eq!(code_of(&b), ERROR_INVALID_DATA);
    // Between two properties.
    let two =
        PropertyList::new().with("A", PropertyValue::Dword(1)).with("B", PropertyValue::Dword(2)).to_bytes();
    let first_end = 4 + 12 + 12;
    assert_eq!(two[first_end..first_end + 4], [0; 4]);
    let without: Vec<u8> = [&two[..first_end], &two[first_end + 4..]].concat();
    assert_eq!(code_of(&without), ERROR_INVALID_DATA);
}

#[test]
fn malformed_count_says_more() {
    for count in [2, 3, 1000, u32::MAX] {
        let mut b = one_dword();
        b[..4].copy_from_slice(&le(count));
        assert_eq!(code_of(&b), ERROR_INVALID_DATA, "count {count}");
        assert_eq!(code_of(&b[..b.len() - 4]), ERROR_INVALID_DATA, "count {count} without the final ENDMARK");
    }
    let mut b = fixture("cluster_common.hex");
    b[..4].copy_from_slice(&le(75));
    assert_eq!(code_of(&b), ERROR_INVALID_DATA);
    assert_eq!(code_of(&le(1)), ERROR_INVALID_DATA);
}

#[test]
fn malformed_count_says_fewer() {
    let mut b = one_dword();
    b[..4].copy_from_slice(&le(0));
    assert_eq!(code_of(&b), ERROR_INVALID_DATA);
    let mut b = fixture("cluster_common.hex");
    b[..4].copy_from_slice(&le(73));
    assert_eq!(code_of(&b), ERROR_INVALID_DATA);
    assert_eq!(code_of(&b[..b.len() - 4]), ERROR_INVALID_DATA);
}

#[test]
fn malformed_trailing_garbage() {
    for garbage in
        [&[1u8][..], &[0], &[0, 0], &[0, 0, 0, 0], &[0, 0, 0, 0, 0, 0, 0, 0], &[0xde, 0xad, 0xbe, 0xef]]
    {
        let mut b = one_dword();
        b.extend(garbage);
        assert_eq!(code_of(&b), ERROR_INVALID_DATA, "{garbage:?}");
    }
    // Garbage in place of the final ENDMARK.
    let mut b = one_dword();
    let n = b.len();
    b[n - 4..].copy_from_slice(&le(7));
    assert_eq!(code_of(&b), ERROR_INVALID_DATA);
    let mut b = fixture("resource_ro_private_ip_address.hex");
    b.push(0);
    assert_eq!(code_of(&b), ERROR_INVALID_DATA);
}

#[test]
fn malformed_unknown_syntax() {
    // Unknown formats, and known formats with another type than CLUSPROP_TYPE_LIST_VALUE.
    for syntax in [
        0x0001_0000,
        0x0001_0008,
        0x0001_0009,
        0x0001_000d,
        0x0001_ffff,
        0x0002_0002,
        CLUSPROP_SYNTAX_NAME,
        0x0000_0002,
        u32::MAX,
    ] {
        let mut b = one_dword();
        b[24..28].copy_from_slice(&le(syntax));
        assert_eq!(code_of(&b), ERROR_INVALID_PARAMETER, "{syntax:#x}");
    }
}

#[test]
fn malformed_name_entries() {
    // Wrong syntax for the name.
    for syntax in [0x0001_0003, 0x0004_0002, 1, u32::MAX] {
        let mut b = one_dword();
        b[4..8].copy_from_slice(&le(syntax));
        assert_eq!(code_of(&b), ERROR_INVALID_DATA, "{syntax:#x}");
    }
    // A name without its NUL ("Delay" is 10 bytes without it).
    let mut b = le(1).to_vec();
    b.extend(entry(CLUSPROP_SYNTAX_NAME, &sz_to_bytes("Delay")[..10]));
    b.extend(entry(PropertyFormat::Dword.syntax(), &le(5)));
    b.extend(le(0));
    assert_eq!(code_of(&b), ERROR_INVALID_DATA);
    // An odd byte length.
    let mut b = one_dword();
    b[8..12].copy_from_slice(&le(11));
    assert_eq!(code_of(&b), ERROR_INVALID_DATA);
    // Invalid UTF-16: a lone surrogate.
    let mut b = le(1).to_vec();
    b.extend(entry(CLUSPROP_SYNTAX_NAME, &[0x00, 0xd8, 0, 0]));
    b.extend(entry(PropertyFormat::Dword.syntax(), &le(5)));
    b.extend(le(0));
    assert_eq!(code_of(&b), ERROR_INVALID_DATA);
    // A NUL inside the name.
    let mut b = le(1).to_vec();
    b.extend(entry(CLUSPROP_SYNTAX_NAME, &[b'a', 0, 0, 0, b'b', 0, 0, 0]));
    b.extend(entry(PropertyFormat::Dword.syntax(), &le(5)));
    b.extend(le(0));
    assert_eq!(code_of(&b), ERROR_INVALID_DATA);
    // An empty name is a parameter problem.
    let mut b = le(1).to_vec();
    b.extend(entry(CLUSPROP_SYNTAX_NAME, &[0, 0]));
    b.extend(entry(PropertyFormat::Dword.syntax(), &le(5)));
    b.extend(le(0));
    assert_eq!(code_of(&b), ERROR_INVALID_PARAMETER);
    // A name followed by an ENDMARK instead of a value.
    let mut b = le(1).to_vec();
    b.extend(name_entry("Delay"));
    b.extend(le(0));
    b.extend(le(0));
    assert_eq!(code_of(&b), ERROR_INVALID_DATA);
}

#[test]
fn malformed_string_values() {
    let bad: [(PropertyFormat, &[u8]); 9] = [
        (PropertyFormat::Sz, &[]),                            // no NUL at all
        (PropertyFormat::Sz, &[b'a', 0]),                     // no NUL
        (PropertyFormat::Sz, &[b'a', 0, 0]),                  // odd length
        (PropertyFormat::ExpandSz, &[0x00, 0xdc, 0, 0]),      // lone low surrogate
        (PropertyFormat::MultiSz, &[]),                       // nothing
        (PropertyFormat::MultiSz, &[b'a', 0]),                // no NUL
        (PropertyFormat::MultiSz, &[b'a', 0, 0, 0]),          // no final empty string
        (PropertyFormat::MultiSz, &[0, 0, 0]),                // odd length
        (PropertyFormat::MultiSz, &[0x00, 0xd8, 0, 0, 0, 0]), // lone high surrogate
    ];
    for (format, data) in bad {
        let mut b = le(1).to_vec();
        b.extend(name_entry("S"));
        b.extend(entry(format.syntax(), data));
        b.extend(le(0));
        assert_eq!(code_of(&b), ERROR_INVALID_DATA, "{format:?} {data:?}");
    }
}

#[test]
fn huge_counts_allocate_nothing_much() {
    let mut b = le(u32::MAX).to_vec();
    b.extend(le(0));
    assert_eq!(code_of(&b), ERROR_INVALID_DATA);
    // A length that would wrap when padded.
    let mut b = le(1).to_vec();
    b.extend(raw_entry(CLUSPROP_SYNTAX_NAME, u32::MAX, &[]));
    assert_eq!(code_of(&b), ERROR_INVALID_DATA);
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

fn text() -> impl Strategy<Value = String> {
    // Any characters but NUL (a NUL cannot be told from a terminator inside a MULTI_SZ).
    "[^\\x00]{0,12}"
}

fn value() -> impl Strategy<Value = PropertyValue> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..40).prop_map(PropertyValue::Binary),
        any::<u32>().prop_map(PropertyValue::Dword),
        text().prop_map(PropertyValue::Sz),
        text().prop_map(PropertyValue::ExpandSz),
        prop::collection::vec(text(), 0..5).prop_map(PropertyValue::MultiSz),
        any::<u64>().prop_map(PropertyValue::ULargeInteger),
        any::<i32>().prop_map(PropertyValue::Long),
        any::<i64>().prop_map(PropertyValue::LargeInteger),
        any::<u16>().prop_map(PropertyValue::Word),
        any::<u64>().prop_map(PropertyValue::FileTime),
    ]
}

fn list() -> impl Strategy<Value = PropertyList> {
    prop::collection::vec(("[^\\x00]{1,16}", value()), 0..8).prop_map(|entries| {
        let mut list = PropertyList::new();
        for (name, value) in entries {
            list.push(name, value);
        }
        list
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(prop::sample::Index),
    Flip(prop::sample::Index, u8),
    Insert(prop::sample::Index, Vec<u8>),
    Remove(prop::sample::Index, usize),
    /// Overwrite an aligned DWORD (a count, syntax or length) with an interesting value.
    SetDword(prop::sample::Index, u32),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let interesting = prop_oneof![
        Just(0u32),
        Just(1),
        Just(2),
        Just(3),
        Just(4),
        Just(8),
        Just(CLUSPROP_SYNTAX_NAME),
        Just(0x0001_0002),
        Just(0x0001_0005),
        Just(0x0001_000c),
        Just(0x7fff_ffff),
        Just(u32::MAX - 3),
        Just(u32::MAX),
        any::<u32>(),
    ];
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
        (any::<prop::sample::Index>(), 1..=255u8).prop_map(|(i, x)| Mutation::Flip(i, x)),
        (any::<prop::sample::Index>(), prop::collection::vec(any::<u8>(), 1..9))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<prop::sample::Index>(), 1..9usize).prop_map(|(i, n)| Mutation::Remove(i, n)),
        (any::<prop::sample::Index>(), interesting).prop_map(|(i, v)| Mutation::SetDword(i, v)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    match m {
        Mutation::Truncate(i) => bytes.truncate(i.index(bytes.len())),
        Mutation::Flip(i, x) => {
            let at = i.index(bytes.len());
            bytes[at] ^= x;
        }
        Mutation::Insert(i, b) => {
            let at = i.index(bytes.len() + 1);
            bytes.splice(at..at, b.iter().copied());
        }
        Mutation::Remove(i, n) => {
            let at = i.index(bytes.len());
            let end = (at + n).min(bytes.len());
            bytes.drain(at..end);
        }
        Mutation::SetDword(i, v) => {
            let words = bytes.len() / 4;
            if words > 0 {
                let at = i.index(words) * 4;
                bytes[at..at + 4].copy_from_slice(&v.to_le_bytes());
            }
        }
    }
}

/// Parses without panicking (proptest reports a panic as a failure); a failure has code 13 or
/// 87; a success re-encodes to a list that parses back the same, of the input's length (with
/// or without the final ENDMARK).
fn check_any(bytes: &[u8]) -> Result<(), TestCaseError> {
    match PropertyList::parse(bytes) {
        Ok(list) => {
            let again = list.to_bytes();
            prop_assert!(again.len() == bytes.len() || again.len() == bytes.len() + 4);
            prop_assert_eq!(PropertyList::parse(&again).unwrap(), list);
        }
        Err(e) => {
            prop_assert!(
                e.code() == ERROR_INVALID_DATA || e.code() == ERROR_INVALID_PARAMETER,
                "unexpected error {}",
                e
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_lists_round_trip(list in list()) {
        let bytes = list.to_bytes();
        prop_assert_eq!(bytes.len() % 4, 0);
        prop_assert_eq!(&PropertyList::parse(&bytes).unwrap(), &list);
        prop_assert_eq!(&PropertyList::parse(&bytes[..bytes.len() - 4]).unwrap(), &list);
        prop_assert_eq!(PropertyList::parse(&list.formats().to_bytes()).unwrap(), list.formats());
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        check_any(&bytes)?;
    }

    #[test]
    fn random_dwords_never_panic(words in prop::collection::vec(
        prop_oneof![Just(0u32), Just(1), Just(CLUSPROP_SYNTAX_NAME), Just(0x0001_0002), 0u32..64, any::<u32>()],
        0..40,
    )) {
        let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        check_any(&bytes)?;
    }

    #[test]
    fn mutated_lists_never_panic(list in list(), mutations in prop::collection::vec(mutation(), 1..4)) {
        let mut bytes = list.to_bytes();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check_any(&bytes)?;
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in 0..FIXTURES.len(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut bytes = fixture(FIXTURES[which].0);
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check_any(&bytes)?;
    }
}
