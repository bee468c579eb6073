"""Tests for the catalogue parser/validator and the shipped default catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.catalog import (
    PARTNER_DIRECTIONS,
    Catalog,
    CatalogError,
    CatalogIssue,
    LocalizedText,
)
from storage.catalog_files import default_catalog, load_catalog

CSV_HEADER = (
    "kind,code,region,locality,section,directions,name_kk,name_ru,name_en,author_kk,author_ru,author_en,institutions\n"
)

EXPECTED_REGIONS = {
    "astana",
    "almaty-city",
    "shymkent",
    "abai",
    "akmola",
    "aktobe",
    "almaty-region",
    "atyrau",
    "east-kazakhstan",
    "jambyl",
    "jetisu",
    "karaganda",
    "kostanay",
    "kyzylorda",
    "mangystau",
    "north-kazakhstan",
    "pavlodar",
    "turkistan",
    "ulytau",
    "west-kazakhstan",
}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _line(text: str, marker: str) -> int:
    """1-based line of the only line containing ``marker``, so tests never hard-code counts."""
    (line,) = [n for n, row in enumerate(text.splitlines(), 1) if marker in row]
    return line


def _errors(path: Path, **kwargs: object) -> list[CatalogIssue]:
    with pytest.raises(CatalogError) as info:
        load_catalog(path, **kwargs)  # type: ignore[arg-type]
    return info.value.errors


def _assert_reported(errors: list[CatalogIssue], expected: list[tuple[int, str]]) -> None:
    """Each expected (line, fragment) is reported, and nothing else."""
    for line, fragment in expected:
        assert any(e.line == line and fragment in e.message for e in errors), (
            f"no error at line {line} containing {fragment!r}; got:\n" + "\n".join(map(str, errors))
        )
    assert len(errors) == len(expected), "\n".join(map(str, errors))


# --- the shipped catalogue ----------------------------------------------------------


def _names(catalog: Catalog) -> list[LocalizedText]:
    texts: list[LocalizedText] = []
    for region in catalog.regions:
        texts.append(region.name)
        texts.extend(locality.name for locality in region.localities)
    for book in catalog.books:
        texts += [book.title, book.author]
    texts.extend(partner.name for partner in catalog.partners)
    return texts


def test_default_catalog_has_all_twenty_regions() -> None:
    catalog = default_catalog()
    assert len(catalog.regions) == 20
    assert {region.code for region in catalog.regions} == EXPECTED_REGIONS


def test_default_catalog_localities_belong_to_existing_regions() -> None:
    catalog = default_catalog()
    region_codes = {region.code for region in catalog.regions}
    assert catalog.extra_localities == ()
    codes: list[str] = []
    for region in catalog.regions:
        assert region.localities, region.code
        for locality in region.localities:
            assert locality.region_code == region.code
            assert locality.region_code in region_codes
            codes.append(locality.code)
    assert len(codes) == len(set(codes))


def test_default_catalog_books_cover_three_sections() -> None:
    sections = [book.section for book in default_catalog().books]
    for section in (1, 2, 3):
        assert sections.count(section) >= 10
    assert set(sections) == {1, 2, 3}


def test_default_catalog_names_complete_in_all_languages() -> None:
    for text in _names(default_catalog()):
        assert text.kk.strip() and text.ru.strip() and text.en.strip(), text


def test_default_catalog_partners_and_centres() -> None:
    catalog = default_catalog()
    covered = set().union(*(partner.directions for partner in catalog.partners))
    assert covered == PARTNER_DIRECTIONS
    region_codes = {region.code for region in catalog.regions}
    for partner in catalog.partners:
        assert partner.region_code is None or partner.region_code in region_codes
    assert catalog.centres == ()


def test_localized_text_falls_back_ru_kk_en() -> None:
    text = LocalizedText(kk="Сәлем", ru="Привет", en="Hello")
    assert text.get("kk") == "Сәлем"
    assert text.get("en-US") == "Hello"
    assert text.get("de") == "Привет"
    assert LocalizedText(kk="Сәлем", ru="", en="Hello").get("fr") == "Сәлем"
    assert LocalizedText(kk="", ru="", en="Hello").get("ru") == "Hello"


# --- CSV and YAML describe the same catalogue ---------------------------------------

SAMPLE_YAML = """\
regions:
  - code: r1
    name: {kk: Облыс, ru: Область, en: Region}
    localities:
      - {code: l1, name: {kk: Қала, ru: Город, en: Town}}
      - code: l2
        name:
          kk: Ауыл
          ru: Село
          en: Village
  - code: r2
    name: {kk: Екінші, ru: Вторая, en: Second}
books:
  - code: b1
    section: 2
    title: {kk: "1984", ru: "1984", en: "1984"}
    author: {kk: Джордж Оруэлл, ru: Джордж Оруэлл, en: George Orwell}
  - {code: b2, section: 3, title: {kk: no, ru: "Да, нет", en: "Yes, no"},
     author: {kk: A, ru: A, en: A}}
partners:
  - code: p1
    name: {kk: Серіктес, ru: Партнёр, en: Partner}
    directions: [tourism, volunteering]
    region: null
  - code: p2
    name: {kk: Екінші, ru: Второй, en: Second}
    directions: [tourism]
    region: r2
centres:
  - code: c1
    name: {kk: Орталық, ru: Центр, en: Centre}
    region: r1
    locality: l2
    institutions: [School No. 1, College "Zhas"]
  - code: c2
    name: {kk: Екінші, ru: Второй, en: Second}
    region: r2
"""

SAMPLE_CSV = (
    CSV_HEADER
    + '''\
centre,c1,r1,l2,,,Орталық,Центр,Centre,,,,"School No. 1; College ""Zhas"""
locality,l1,r1,,,,Қала,Город,Town,,,,
region,r1,,,,,Облыс,Область,Region,,,,
book,b1,,,2,,1984,1984,1984,Джордж Оруэлл,Джордж Оруэлл,George Orwell,
locality,l2,r1,,,,Ауыл,Село,Village,,,,

region,r2,,,,,Екінші,Вторая,Second,,,,
book,b2,,,3,,no,"Да, нет","Yes, no",A,A,A,
partner,p1,,,,volunteering;tourism,Серіктес,Партнёр,Partner,,,,
partner,p2,r2,,,tourism,Екінші,Второй,Second,,,,
centre,c2,r2,,,,Екінші,Второй,Second,,,,
'''
)


def test_csv_and_yaml_parse_into_same_catalog(tmp_path: Path) -> None:
    from_yaml = load_catalog(_write(tmp_path, "catalog.yaml", SAMPLE_YAML))
    from_csv = load_catalog(_write(tmp_path, "catalog.csv", SAMPLE_CSV))
    assert from_csv == from_yaml
    r1 = from_yaml.regions[0]
    assert [locality.code for locality in r1.localities] == ["l1", "l2"]
    assert from_yaml.books[0].title.en == "1984"
    assert from_yaml.books[1].title.kk == "no"  # YAML scalars stay text, never bool
    assert from_yaml.partners[0].directions == frozenset({"tourism", "volunteering"})
    assert from_yaml.centres[0].institutions == ("School No. 1", 'College "Zhas"')
    assert from_yaml.centres[0].locality_code == "l2"
    assert from_yaml.centres[1].locality_code is None
    assert from_yaml.centres[1].institutions == ()


def test_yml_extension_and_bom_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yml"
    path.write_bytes(SAMPLE_YAML.encode("utf-8-sig"))
    csv_path = tmp_path / "catalog.CSV"
    csv_path.write_bytes(SAMPLE_CSV.encode("utf-8-sig"))
    assert load_catalog(path) == load_catalog(csv_path)


# --- errors, with their lines -------------------------------------------------------

BAD_YAML = """\
regions:
  - code: Bad_Code                                     # E:code
    name: {kk: Облыс, ru: Область}                     # E:name
    colour: red                                        # E:field
    localities:
      - {code: l1, name: {kk: a, ru: a, en: a}}
      - {code: l1, name: {kk: b, ru: b, en: b}}        # E:dup
  - code: r2
    name: {kk: b, ru: b, en: b}
books:
  - code: b1
    section: 4                                         # E:section
    title: {kk: t, ru: t, en: t}
    author: {kk: a, ru: a, en: a}
  - code: b2                                           # E:title
    section: 1
    author: {kk: a, ru: " ", en: a}                    # E:author
partners:
  - code: p1
    name: {kk: p, ru: p, en: p}
    directions:
      - volunteering
      - flying                                         # E:direction
    region: nowhere                                    # E:region
centres:
  - code: c1
    name: {kk: c, ru: c, en: c}
    region: r2
    locality: l1                                       # E:locality
  - just a string                                      # E:entry
planets: []                                            # E:top-key
"""


def test_yaml_errors_all_reported_with_lines(tmp_path: Path) -> None:
    errors = _errors(_write(tmp_path, "bad.yaml", BAD_YAML))

    def at(marker: str) -> int:
        return _line(BAD_YAML, marker)

    _assert_reported(
        errors,
        [
            (at("E:code"), "code must match"),
            (at("E:name"), "'name' is missing en"),
            (at("E:field"), "unknown field 'colour'"),
            (at("E:dup"), f"duplicate locality code (first on line {at('E:dup') - 1})"),
            (at("E:section"), "section must be 1, 2 or 3"),
            (at("E:title"), "'title' is required"),
            (at("E:author"), "'author' is missing ru"),
            (at("E:direction"), "unknown direction 'flying'"),
            (at("E:region"), "unknown region 'nowhere'"),
            (at("E:locality"), "locality 'l1' is in region 'Bad_Code', not 'r2'"),
            (at("E:entry"), "each entry of 'centres' must be a mapping"),
            (at("E:top-key"), "unknown section 'planets'"),
        ],
    )
    assert errors == sorted(errors, key=lambda e: e.line)


def test_malformed_yaml_reports_line(tmp_path: Path) -> None:
    text = "regions:\n  - code: r1\n    name: {kk: a, ru: b\nbooks: []\n"
    errors = _errors(_write(tmp_path, "broken.yaml", text))
    assert len(errors) == 1
    assert errors[0].message.startswith("malformed YAML")
    assert errors[0].line == 4  # where the parser noticed
    assert "flow mapping on line 3" in errors[0].message  # where the broken item starts


def test_empty_and_duplicate_key_yaml(tmp_path: Path) -> None:
    assert _errors(_write(tmp_path, "empty.yaml", "# nothing\n")) == [CatalogIssue(1, "the file is empty")]
    text = "regions:\n  - code: r1\n    code: r2\n    name: {kk: a, ru: a, en: a}\n"
    _assert_reported(_errors(_write(tmp_path, "dup.yaml", text)), [(3, "duplicate key 'code'")])


BAD_CSV = (
    CSV_HEADER
    + """\
region,r1,,,,,R,R,R,,,,
region,r1,,,,,R,R,R,,,,
locality,l1,nowhere,,,,L,L,L,,,,
book,b1,,,5,,T,T,T,A,A,,
planet,x,,,,,P,P,P,,,,
partner,p1,,,,volunteering;swimming,P,P,P,,,,
centre,c1,r1,l9,,,C,C,C,,,,
region,r2,,,,,"Көп
жолды",R,R,,,,
region,BAD,,,,,R,R,R,,,,
too,short
region,r3,,,1,,R,R,R,,,,
"""
)


def test_csv_errors_all_reported_with_lines(tmp_path: Path) -> None:
    errors = _errors(_write(tmp_path, "bad.csv", BAD_CSV))
    _assert_reported(
        errors,
        [
            (3, "duplicate region code (first on line 2)"),
            (4, "unknown region 'nowhere'"),
            (5, "section must be 1, 2 or 3, not '5'"),
            (5, "'author' is missing en"),
            (6, "unknown kind 'planet'"),
            (7, "unknown direction 'swimming'"),
            (8, "unknown locality 'l9'"),
            (11, "code must match"),  # after a quoted cell spanning lines 9-10
            (12, "expected 13 columns, found 2"),
            (13, "column 'section' must be empty"),
        ],
    )


def test_csv_header_and_quoting_errors(tmp_path: Path) -> None:
    header = CSV_HEADER.replace("institutions", "schools")
    _assert_reported(
        _errors(_write(tmp_path, "header.csv", header)),
        [(1, "missing column 'institutions'"), (1, "unknown column 'schools'")],
    )
    text = CSV_HEADER + 'region,r1,,,,,"R"x,R,R,,,,\n'
    _assert_reported(_errors(_write(tmp_path, "quote.csv", text)), [(2, "malformed CSV")])
    assert _errors(_write(tmp_path, "empty.csv", "")) == [CatalogIssue(1, "the file is empty")]


def test_invalid_utf8_reports_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(CSV_HEADER.encode() + "region,r1,,,,,Облыс,R,R,,,,\n".encode("cp1251"))
    assert _errors(path) == [CatalogIssue(2, "the file is not valid UTF-8")]


def test_error_text_lists_every_issue(tmp_path: Path) -> None:
    text = CSV_HEADER + "region,r1,,,,,,,,,,,\nbook,b1,,,9,,T,T,T,A,A,A,\n"
    with pytest.raises(CatalogError) as info:
        load_catalog(_write(tmp_path, "bad.csv", text))
    assert str(info.value) == (
        "line 2: region 'r1': 'name' is required\nline 3: book 'b1': section must be 1, 2 or 3, not '9'"
    )


def test_unsupported_extension(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unsupported"):
        load_catalog(_write(tmp_path, "catalog.json", "{}"))


# --- extending what is already stored -----------------------------------------------

EXTENDING_CSV = (
    CSV_HEADER
    + """\
locality,astana-new,astana,,,,Жаңа,Новый,New,,,,
partner,p1,astana,,,volunteering,P,P,P,,,,
centre,c1,astana,astana-yesil,,,C,C,C,,,,School 1;School 2
centre,c2,astana,astana-new,,,C,C,C,,,,
"""
)

KNOWN = {"astana": frozenset({"astana", "astana-yesil"}), "abai": frozenset({"semey"})}


def test_known_regions_allow_references(tmp_path: Path) -> None:
    catalog = load_catalog(_write(tmp_path, "extend.csv", EXTENDING_CSV), known_regions=KNOWN)
    assert catalog.regions == ()
    assert [(loc.code, loc.region_code) for loc in catalog.extra_localities] == [("astana-new", "astana")]
    assert catalog.partners[0].region_code == "astana"
    assert catalog.centres[0].locality_code == "astana-yesil"
    assert catalog.centres[0].institutions == ("School 1", "School 2")
    assert catalog.centres[1].locality_code == "astana-new"


def test_references_fail_without_known_regions(tmp_path: Path) -> None:
    errors = _errors(_write(tmp_path, "extend.csv", EXTENDING_CSV))
    _assert_reported(
        errors,
        [
            (2, "unknown region 'astana'"),
            (3, "unknown region 'astana'"),
            (4, "unknown region 'astana'"),
            (5, "unknown region 'astana'"),
        ],
    )


def test_known_locality_in_wrong_region_is_rejected(tmp_path: Path) -> None:
    text = CSV_HEADER + (
        "locality,semey,astana,,,,S,S,S,,,,\n"
        "centre,c1,astana,semey,,,C,C,C,,,,\n"
        "centre,c2,abai,astana-yesil,,,C,C,C,,,,\n"
    )
    _assert_reported(
        _errors(_write(tmp_path, "conflict.csv", text), known_regions=KNOWN),
        [
            (2, "already exists in region 'abai'"),
            (4, "locality 'astana-yesil' is in region 'astana', not 'abai'"),
        ],
    )


def test_file_region_extends_known_localities(tmp_path: Path) -> None:
    text = (
        "regions:\n"
        "  - code: astana\n"
        "    name: {kk: Астана, ru: Астана, en: Astana}\n"
        "centres:\n"
        "  - {code: c1, name: {kk: c, ru: c, en: c}, region: astana, locality: astana-yesil}\n"
    )
    catalog = load_catalog(_write(tmp_path, "extend.yaml", text), known_regions=KNOWN)
    assert catalog.centres[0].locality_code == "astana-yesil"


@pytest.mark.parametrize(("length", "ok"), [(40, True), (41, False)])
def test_codes_fit_in_button_data(tmp_path: Path, length: int, ok: bool) -> None:
    """The longest button data is "ap:partners:pick:" plus a code; Telegram allows 64 bytes."""
    code = "a" * length
    path = _write(
        tmp_path,
        "c.yaml",
        f"books:\n  - code: {code}\n    section: 1\n"
        "    title: {kk: a, ru: a, en: a}\n    author: {kk: a, ru: a, en: a}\n",
    )
    if ok:
        assert load_catalog(path).books[0].code == code
    else:
        assert "code" in str(_errors(path)[0])
    assert len(f"ap:partners:pick:{'a' * 40}".encode()) <= 64
