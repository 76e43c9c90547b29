"""The actor lexicon's files, loaders and validator, and roles held over time (issue 25:
mutation testing of actors/lexicon.py).

Every loader is fed a small TSV file written here and what it yields is compared entry by
entry: the kind, the phrase, the code, the key, where it came from, the country, plural and
case rules. A bad line must raise a DataError naming file:line and the problem, and the
validator must report what is wrong with a copy of the bundled data that was broken on purpose.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from tidings.actors.lexicon import (
    CAPITAL,
    COUNTRY,
    DEMONYM,
    METONYM,
    ORG,
    PERSON,
    REGION,
    REGION_ADJ,
    ROLE,
    STOP,
    UNIT,
    UNIT_ADJ,
    DataError,
    Entry,
    Lexicon,
    Period,
    data_dir,
    load_countries,
    load_default_lexicon,
    load_metonyms,
    load_names,
    load_orgs,
    load_people,
    load_regions,
    load_roles,
    load_stop,
    load_subnational,
    plural,
    validate_data,
)

D = dt.date


def tsv(tmp_path, name, header, *rows, comment="# written by the test"):
    """A data file: a comment on line 1, the header on line 2, rows from line 3."""
    path = tmp_path / name
    path.write_text("\n".join([comment, header, *rows]) + "\n", encoding="utf-8")
    return path


def error(loader, path) -> str:
    with pytest.raises(DataError) as info:
        list(loader(path))
    return str(info.value)


# --- reading rows -------------------------------------------------------------------------------


def test_comments_blank_lines_and_the_header_are_skipped_and_lines_counted_from_one(tmp_path):
    path = tmp_path / "names.tsv"
    path.write_text("# a comment\n\nname\tgender\n# another\nAnna\tf\n\nBoris\tm\n", encoding="utf-8")
    assert load_names(path) == {"anna": "f", "boris": "m"}
    path.write_text("# a comment\n\nname\tgender\n# another\nAnna\tf\n\nBoris\tx\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_names(path)
    assert str(info.value) == "names.tsv:7: gender must be m or f, not 'x'"
    assert (info.value.path, info.value.line) == ("names.tsv", 7)


def test_windows_line_ends_and_spaces_around_cells_are_not_part_of_the_value(tmp_path):
    path = tmp_path / "names.tsv"
    path.write_bytes(b"name\tgender\r\nAnna \t f\r\nBoris\tm\r\n")
    assert load_names(path) == {"anna": "f", "boris": "m"}


def test_a_short_row_is_padded_and_a_long_one_is_refused_with_its_line(tmp_path):
    path = tsv(tmp_path, "stop.tsv", "phrase\tnote", "New England", "Papua\tisland\textra")
    with pytest.raises(DataError) as info:
        list(load_stop(path))
    assert str(info.value) == "stop.tsv:4: expected 2 tab-separated columns, got 3"
    path = tsv(tmp_path, "stop.tsv", "phrase\tnote", "New England")
    (e,) = load_stop(path)
    assert e == Entry(
        STOP, "New England", None, "New England", "stop:new england", "stop.tsv:New England", proper=False
    )


def test_a_data_file_is_read_as_utf8(tmp_path):
    path = tsv(tmp_path, "names.tsv", "name\tgender", "Zoë\tf", "Ólafur\tm")
    assert load_names(path) == {"zoë": "f", "ólafur": "m"}


def test_a_stop_phrase_cannot_be_empty(tmp_path):
    path = tsv(tmp_path, "stop.tsv", "phrase\tnote", "\tno phrase")
    assert error(load_stop, path) == "stop.tsv:3: empty phrase"


# --- countries and regions ------------------------------------------------------------------------

COUNTRY_HEADER = "code\tiso3\tname\taliases\tadjectives\tcapitals\tstatus"


def test_a_country_row_gives_its_names_demonyms_and_capitals(tmp_path):
    path = tsv(
        tmp_path,
        "countries.tsv",
        COUNTRY_HEADER,
        "RUS\tRUS\tRussia\tRussian Federation|RF\tRussian\tMoscow\tmember",
        "IRQ\tIRQ\tIraq\t\tIraqi|South Iraqi\t\tmember",
        "CHN\tCHN\tChina\tthe mainland\tChinese|Swiss\tthe capital\tmember",
    )
    got = list(load_countries(path))
    src = "countries.tsv:RUS"
    assert got[:6] == [
        Entry(COUNTRY, "Russia", "RUS", "Russia", "RUS", src, country="RUS", exact=False, proper=True),
        Entry(COUNTRY, "Russian Federation", "RUS", "Russia", "RUS", src, country="RUS", proper=True),
        Entry(COUNTRY, "RF", "RUS", "Russia", "RUS", src, country="RUS", exact=True, proper=True),
        Entry(DEMONYM, "Russian", "RUS", "Russia", "RUS", src, country="RUS", plural=False, proper=True),
        Entry(DEMONYM, "Russians", "RUS", "Russia", "RUS", src, country="RUS", plural=True, proper=True),
        Entry(CAPITAL, "Moscow", "RUSGOV", "Russia", "RUSGOV", "countries.tsv:RUS capital", country="RUS", proper=True),
    ]
    iraq = [(e.kind, e.phrase, e.plural) for e in got if e.code == "IRQ"]
    # "Iraqi" gets a plural, a demonym of two words does not
    assert iraq == [
        (COUNTRY, "Iraq", False),
        (DEMONYM, "Iraqi", False),
        (DEMONYM, "Iraqis", True),
        (DEMONYM, "South Iraqi", False),
    ]
    china = [(e.kind, e.phrase, e.proper) for e in got if e.key.startswith("CHN")]
    # "-ese" and "-ss" demonyms are their own plurals; a lower-case capital needs no capital letter
    assert china == [
        (COUNTRY, "China", True),
        (COUNTRY, "the mainland", False),
        (DEMONYM, "Chinese", True),
        (DEMONYM, "Swiss", True),
        (CAPITAL, "the capital", False),
    ]


def test_a_country_code_must_be_three_capital_letters(tmp_path):
    path = tsv(
        tmp_path, "countries.tsv", COUNTRY_HEADER, "RUS\tRUS\tRussia\t\t\t\tmember", "ru\tRUS\tRussia\t\t\t\tmember"
    )
    assert error(load_countries, path) == "countries.tsv:4: bad CAMEO code 'ru' (three-letter blocks of A-Z/0-9)"
    path = tsv(tmp_path, "countries.tsv", COUNTRY_HEADER, "RUSGOV\tRUS\tRussia\t\t\t\tmember")
    assert error(load_countries, path) == "countries.tsv:3: country code 'RUSGOV' must have three letters"


def test_iso_codes_map_to_cameo_codes_in_the_loaded_lexicon(tmp_path):
    for name in (
        "stop.tsv",
        "regions.tsv",
        "subnational.tsv",
        "metonyms.tsv",
        "orgs.tsv",
        "roles.tsv",
        "people.tsv",
        "names.tsv",
    ):
        shutil.copy(data_dir() / name, tmp_path / name)
    tsv(
        tmp_path,
        "countries.tsv",
        COUNTRY_HEADER,
        "ROM\tROU\tRomania\t\tRomanian\tBucharest\tmember",
        "KSV\t\tKosovo\t\tKosovar\tPristina\tother",
    )
    lex = load_default_lexicon(tmp_path)
    assert lex.iso3 == {"ROU": "ROM"}
    assert lex.sources == [
        str(tmp_path / n)
        for n in (
            "stop.tsv",
            "countries.tsv",
            "regions.tsv",
            "subnational.tsv",
            "metonyms.tsv",
            "orgs.tsv",
            "roles.tsv",
            "people.tsv",
        )
    ]
    assert lex.genders == load_names(tmp_path / "names.tsv") and lex.genders
    romania = [e.phrase for e in lex.entries if e.source.startswith("countries.tsv:ROM")]
    assert romania == ["Romania", "Romanian", "Romanians", "Bucharest"]


def test_a_region_row_gives_names_and_adjectives(tmp_path):
    path = tsv(
        tmp_path, "regions.tsv", "code\tname\taliases\tadjectives", "WST\tWest\tthe West|EU\tWestern", "AFR\tAfrica\t\t"
    )
    src = "regions.tsv:WST"
    assert list(load_regions(path)) == [
        Entry(REGION, "West", "WST", "West", "WST", src, proper=True),
        Entry(REGION, "the West", "WST", "West", "WST", src, proper=False),
        Entry(REGION, "EU", "WST", "West", "WST", src, exact=True, proper=True),
        Entry(REGION_ADJ, "Western", "WST", "West", "WST", src, proper=True),
        Entry(REGION, "Africa", "AFR", "Africa", "AFR", "regions.tsv:AFR", proper=True),
    ]
    path = tsv(tmp_path, "regions.tsv", "code\tname\taliases\tadjectives", "W\tWest\t\t")
    assert error(load_regions, path) == "regions.tsv:3: bad CAMEO code 'W' (three-letter blocks of A-Z/0-9)"


# --- sub-national units ---------------------------------------------------------------------------

SUB_HEADER = "country\tunit\taliases\tadjectives\ttype"


def test_a_unit_gives_its_names_and_adjectives_with_its_country(tmp_path):
    path = tsv(
        tmp_path,
        "subnational.tsv",
        SUB_HEADER,
        "DEU\tBavaria\tFree State of Bavaria\tBavarian|Upper Bavarian\tstate",
        "IND\tPunjab\t\t\tstate",
        "PAK\tPunjab\t\tPunjabi\tprovince",
    )
    got = list(load_subnational(path))
    src, key = "subnational.tsv:DEU:Bavaria", "DEU:Bavaria"
    assert got[:5] == [
        Entry(UNIT, "Bavaria", "DEU", "Bavaria", key, src, country="DEU", office="state", proper=True),
        Entry(UNIT, "Free State of Bavaria", "DEU", "Bavaria", key, src, country="DEU", office="state", proper=True),
        Entry(
            UNIT_ADJ, "Bavarian", "DEU", "Bavaria", key, src, country="DEU", office="state", plural=False, proper=True
        ),
        Entry(
            UNIT_ADJ, "Bavarians", "DEU", "Bavaria", key, src, country="DEU", office="state", plural=True, proper=True
        ),
        Entry(UNIT_ADJ, "Upper Bavarian", "DEU", "Bavaria", key, src, country="DEU", office="state", proper=True),
    ]
    # a name shared by units of two countries gives one entry for each
    assert [(e.phrase, e.country, e.office) for e in got[5:]] == [
        ("Punjab", "IND", "state"),
        ("Punjab", "PAK", "province"),
        ("Punjabi", "PAK", "province"),
    ]


def test_an_all_capital_unit_alias_matches_case_sensitively(tmp_path):
    path = tsv(tmp_path, "subnational.tsv", SUB_HEADER, "USA\tCalifornia\tCA\tCalifornian\tstate")
    assert [(e.phrase, e.exact) for e in load_subnational(path)] == [
        ("California", False),
        ("CA", True),
        ("Californian", False),
        ("Californians", False),
    ]


@pytest.mark.parametrize(
    "row, problem",
    [
        ("De\tBavaria\t\t\tstate", "bad CAMEO code 'De' (three-letter blocks of A-Z/0-9)"),
        ("DEUGOV\tBavaria\t\t\tstate", "country code 'DEUGOV' must have three letters"),
        ("DEU\t\t\t\tstate", "empty unit name"),
        (
            "DEU\tBavaria\t\t\tcanton",
            "unknown unit type 'canton' (autonomous_community, city, constituent_country, "
            "county, department, district, governorate, island_group, krai, land, municipality, oblast, prefecture, "
            "province, region, republic, state, territory)",
        ),
        ("DEU\tsaxony\t\t\tstate", "unit name 'saxony' must start with a capital letter"),
        ("DEU\tHesse\tBAVARIA\t\tstate", "'BAVARIA' is already a name of 'Bavaria' in DEU"),
    ],
)
def test_a_bad_unit_row_names_its_line(tmp_path, row, problem):
    path = tsv(tmp_path, "subnational.tsv", SUB_HEADER, "DEU\tBavaria\t\t\tstate", row)
    assert error(load_subnational, path) == f"subnational.tsv:4: {problem}"


def test_the_same_name_twice_for_one_unit_is_allowed(tmp_path):
    path = tsv(tmp_path, "subnational.tsv", SUB_HEADER, "DEU\tBavaria\tBavaria\t\tstate")
    assert [e.phrase for e in load_subnational(path)] == ["Bavaria", "Bavaria"]


# --- metonyms and organisations -------------------------------------------------------------------


def test_metonyms_carry_their_country_unless_international(tmp_path):
    path = tsv(
        tmp_path,
        "metonyms.tsv",
        "phrase\tcode\tnote",
        "Kremlin\tRUSGOV\tpresidency",
        "the Hague court\tIGOUNOJUD\tcourt",
        "NGO row\tNGOHRI\t",
        "IMG row\tIMGMUS\t",
        "UN\tIGOUNO\t",
    )
    assert list(load_metonyms(path)) == [
        Entry(
            METONYM,
            "Kremlin",
            "RUSGOV",
            "Kremlin",
            "RUSGOV:kremlin",
            "metonyms.tsv:Kremlin",
            country="RUS",
            proper=True,
        ),
        Entry(
            METONYM,
            "the Hague court",
            "IGOUNOJUD",
            "the Hague court",
            "IGOUNOJUD:the hague court",
            "metonyms.tsv:the Hague court",
            country=None,
            proper=False,
        ),
        Entry(
            METONYM, "NGO row", "NGOHRI", "NGO row", "NGOHRI:ngo row", "metonyms.tsv:NGO row", country=None, proper=True
        ),
        Entry(
            METONYM, "IMG row", "IMGMUS", "IMG row", "IMGMUS:img row", "metonyms.tsv:IMG row", country=None, proper=True
        ),
        Entry(METONYM, "UN", "IGOUNO", "UN", "IGOUNO:un", "metonyms.tsv:UN", country=None, exact=True, proper=True),
    ]
    path = tsv(tmp_path, "metonyms.tsv", "phrase\tcode\tnote", "Kremlin\trusgov\t")
    assert error(load_metonyms, path) == "metonyms.tsv:3: bad CAMEO code 'rusgov' (three-letter blocks of A-Z/0-9)"


ORG_HEADER = "code\tname\taliases\tkind"


def test_organisations_their_country_case_and_plural_aliases(tmp_path):
    path = tsv(
        tmp_path,
        "orgs.tsv",
        ORG_HEADER,
        "IGOWSTNAT\tNATO\tthe Atlantic alliance\tigo",
        "YEMREB\tHouthi movement\tHouthis|Ansar Allah\tarmed",
        "SYRREB\tFree Syrian Army\tFSA rebels|FSA fighters|Syrian Democratic Forces\tarmed",
        "AFGREB\tTaliban\tUN peacekeepers|White Helmets|militants\tarmed",
        "USAMED\tThe Times\t\tmedia",
        "NGOHRI\tAmnesty\t\tngo",
        "IMGMUS\tISIS\t\tarmed",
        "MNCUSA\tAcme\t\tmnc",
        "INTBUS\tIntl body\t\tparty",
    )
    got = list(load_orgs(path))
    assert got[:3] == [
        Entry(
            ORG,
            "NATO",
            "IGOWSTNAT",
            "NATO",
            "IGOWSTNAT:NATO",
            "orgs.tsv:NATO",
            country=None,
            exact=True,
            proper=True,
            office="igo",
        ),
        Entry(
            ORG,
            "the Atlantic alliance",
            "IGOWSTNAT",
            "NATO",
            "IGOWSTNAT:NATO",
            "orgs.tsv:NATO",
            country=None,
            proper=False,
            office="igo",
        ),
        Entry(
            ORG,
            "Houthi movement",
            "YEMREB",
            "Houthi movement",
            "YEMREB:Houthi movement",
            "orgs.tsv:Houthi movement",
            country="YEM",
            proper=True,
            office="armed",
        ),
    ]
    plural_of = {e.phrase: e.plural for e in got}
    assert plural_of == {
        "NATO": False,
        "the Atlantic alliance": False,
        "Houthi movement": False,
        "Houthis": True,
        "Ansar Allah": False,
        "Free Syrian Army": False,
        "FSA rebels": True,
        "FSA fighters": True,
        "Syrian Democratic Forces": True,
        "Taliban": True,
        "UN peacekeepers": True,
        "White Helmets": True,
        "militants": True,
        "The Times": False,
        "Amnesty": False,
        "ISIS": False,
        "Acme": False,
        "Intl body": False,
    }
    country_of = {e.name: e.country for e in got}
    assert country_of == {
        "NATO": None,
        "Houthi movement": "YEM",
        "Free Syrian Army": "SYR",
        "Taliban": "AFG",
        "The Times": "USA",
        "Amnesty": None,
        "ISIS": None,
        "Acme": None,
        "Intl body": None,
    }
    # an alias written in lower case is matched in any case; one with a capital or a digit is not
    assert {e.phrase: e.proper for e in got if e.name == "Taliban"} == {
        "Taliban": True,
        "UN peacekeepers": True,
        "White Helmets": True,
        "militants": False,
    }


def test_an_organisation_alias_spelled_huthis_is_plural_too(tmp_path):
    path = tsv(tmp_path, "orgs.tsv", ORG_HEADER, "YEMREB\tAnsar Allah\tthe Huthis|9 Huthi\tarmed")
    assert [(e.phrase, e.plural, e.proper) for e in load_orgs(path)] == [
        ("Ansar Allah", False, True),
        ("the Huthis", True, False),
        ("9 Huthi", False, True),
    ]


def test_a_bad_organisation_row_names_its_line(tmp_path):
    path = tsv(tmp_path, "orgs.tsv", ORG_HEADER, "IGOWSTNAT\tNATO\t\tigo", "IGOWSTNAT\tNATO\t\tclub")
    assert error(load_orgs, path) == "orgs.tsv:4: unknown organisation kind 'club'"
    path = tsv(tmp_path, "orgs.tsv", ORG_HEADER, "igo\tNATO\t\tigo")
    assert error(load_orgs, path) == "orgs.tsv:3: bad CAMEO code 'igo' (three-letter blocks of A-Z/0-9)"


# --- roles ----------------------------------------------------------------------------------------

ROLE_HEADER = "phrase\trole\tkind\toffice"


def test_a_role_row_and_its_generated_plural(tmp_path):
    path = tsv(
        tmp_path,
        "roles.tsv",
        ROLE_HEADER,
        "foreign minister\tGOV\ttitle\tforeign_minister",
        "members\t-\tgroup\t-",
        "spokesman\tGOV\tperson\tspokesperson",
    )
    src = "roles.tsv:foreign minister"
    assert list(load_roles(path)) == [
        Entry(
            ROLE,
            "foreign minister",
            "GOV",
            "foreign minister",
            "role:foreign minister",
            src,
            role_kind="title",
            office="foreign_minister",
            plural=False,
            proper=False,
        ),
        Entry(
            ROLE,
            "foreign ministers",
            "GOV",
            "foreign minister",
            "role:foreign minister",
            src,
            role_kind="title",
            office="foreign_minister",
            plural=True,
            proper=False,
        ),
        # '-': no role of its own, no office; a group ending in s is plural and gets no other form
        Entry(
            ROLE,
            "members",
            "",
            "members",
            "role:members",
            "roles.tsv:members",
            role_kind="group",
            office="",
            plural=True,
            proper=False,
        ),
        Entry(
            ROLE,
            "spokesman",
            "GOV",
            "spokesman",
            "role:spokesman",
            "roles.tsv:spokesman",
            role_kind="person",
            office="spokesperson",
            proper=False,
        ),
        Entry(
            ROLE,
            "spokesmen",
            "GOV",
            "spokesman",
            "role:spokesman",
            "roles.tsv:spokesman",
            role_kind="person",
            office="spokesperson",
            plural=True,
            proper=False,
        ),
    ]


def test_which_role_phrases_get_a_plural_form(tmp_path):
    rows = [
        "police\tCOP\tgroup\t-",
        "riot police\tCOP\tbody\t-",
        "state media\tMED\tbody\t-",
        "military intelligence\tSPY\tbody\t-",
        "the military\tMIL\tbody\t-",
        "artillery\tMIL\tbody\t-",
        "personnel\tMIL\tbody\t-",
        "embassy staff\tGOV\tbody\t-",
        "civilians\tCVL\tperson\t-",
        "young people\tCVL\tperson\t-",
        "gunmen\tREB\tperson\t-",
        "crowd\tCVL\tgroup\t-",
        "army\tMIL\tbody\t-",
        "troop\tMIL\tgroup\t-",
        "force\tMIL\tgroup\t-",
        "drone\tMIL\tgroup\t-",
        "jet\tMIL\tgroup\t-",
        "tank\tMIL\tgroup\t-",
        "warship\tMIL\tgroup\t-",
        "warplane\tMIL\tgroup\t-",
        "fighter jet\tMIL\tgroup\t-",
        "marine\tMIL\tgroup\t-",
        "household\tCVL\tgroup\t-",
        "family\tCVL\tgroup\t-",
        "crew\tCVL\tgroup\t-",
        "contingent\tMIL\tgroup\t-",
        "population\tCVL\tgroup\t-",
        "paramilitary\tMIL\tgroup\t-",
        "chairperson\tGOV\ttitle\t-",
        "business\tBUS\tbody\t-",
    ]
    path = tsv(tmp_path, "roles.tsv", ROLE_HEADER, *rows)
    plurals = {e.phrase: e.name for e in load_roles(path) if e.plural}
    assert plurals == {
        "armies": "army",
        "troops": "troop",
        "forces": "force",
        "drones": "drone",
        "jets": "jet",
        "tanks": "tank",
        "warships": "warship",
        "warplanes": "warplane",
        "fighter jets": "fighter jet",
        "marines": "marine",
        "households": "household",
        "families": "family",
        "crews": "crew",
        "contingents": "contingent",
        "populations": "population",
        "paramilitaries": "paramilitary",
        "chairpeople": "chairperson",
    }
    # 'crowd' is a group with no plural form of its own; 'business' is a body ending in s
    assert not any(e.phrase in ("crowds", "businesses") for e in load_roles(path))


@pytest.mark.parametrize(
    "row, problem",
    [
        ("minister\tgov\ttitle\t-", "bad role code 'gov' (a CAMEO role code or - for none)"),
        ("minister\tGOV\tjob\t-", "unknown role kind 'job' (title, person, group, body)"),
        ("Minister\tGOV\ttitle\t-", "role phrase 'Minister' must be lower-case"),
    ],
)
def test_a_bad_role_row_names_its_line(tmp_path, row, problem):
    path = tsv(tmp_path, "roles.tsv", ROLE_HEADER, "president\tGOV\ttitle\tpresident", row)
    assert error(load_roles, path) == f"roles.tsv:4: {problem}"


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("spokesman", "spokesmen"),
        ("chairperson", "chairpeople"),
        ("army", "armies"),
        ("key", "keys"),
        ("y", "ys"),
        ("bus", "buses"),
        ("ambush", "ambushes"),
        ("church", "churches"),
        ("tax", "taxes"),
        ("blitz", "blitzes"),
        ("minister", "ministers"),
        ("deputy foreign minister", "deputy foreign ministers"),
        ("human rights body", "human rights bodies"),
        ("head of state", "head of states"),
    ],
)
def test_plural_of_the_last_word(phrase, expected):
    assert plural(phrase) == expected


# --- people and periods of office -----------------------------------------------------------------

PEOPLE_HEADER = "key\tname\taliases\tcountry\tcode\tstart\tend\toffice"


def test_rows_of_one_person_merge_into_one_entry_per_alias_with_every_period(tmp_path):
    path = tsv(
        tmp_path,
        "people.tsv",
        PEOPLE_HEADER,
        "biden_joe\tJoe Biden\tBiden\tUSA\tUSALEG\t1973-01-03\t2009-01-15\tsenator",
        "biden_joe\t\tJoseph Biden|Biden\tUSA\tUSAGOV\t2009-01-20\t2017-01-20\tvice_president",
        "biden_joe\tJoe Biden\tJB\tUSA\tUSAGOV\t2021-01-20\t\tpresident",
        "biden_joe\t\t\tUSA\tUSA\t\t1973-01-03\t",
    )
    got = list(load_people(path))
    periods = (
        Period(D(1973, 1, 3), D(2009, 1, 15), "USALEG", "senator", "people.tsv:biden_joe 1973-01-03..2009-01-15"),
        Period(
            D(2009, 1, 20), D(2017, 1, 20), "USAGOV", "vice_president", "people.tsv:biden_joe 2009-01-20..2017-01-20"
        ),
        Period(D(2021, 1, 20), None, "USAGOV", "president", "people.tsv:biden_joe 2021-01-20.."),
        Period(None, D(1973, 1, 3), "USA", "", "people.tsv:biden_joe ..1973-01-03"),
    )
    assert got == [
        Entry(
            PERSON,
            alias,
            "USA",
            "Joe Biden",
            "biden_joe",
            "people.tsv:biden_joe",
            country="USA",
            periods=periods,
            exact=alias == "JB",
            proper=True,
        )
        for alias in ("Joe Biden", "Biden", "Joseph Biden", "JB")
    ]


def test_a_period_that_ends_the_day_it_starts_is_refused(tmp_path):
    path = tsv(tmp_path, "people.tsv", PEOPLE_HEADER, "x_y\tX Y\t\tUSA\tUSAGOV\t2020-05-01\t2020-05-01\t")
    assert error(load_people, path) == "people.tsv:3: period ends (2020-05-01) before it starts (2020-05-01)"
    path = tsv(tmp_path, "people.tsv", PEOPLE_HEADER, "x_y\tX Y\t\tUSA\tUSAGOV\t2020-05-01\t2020-05-02\t")
    (e,) = load_people(path)
    assert e.at(D(2020, 5, 1))[0] == "USAGOV" and e.at(D(2020, 5, 2)) == ("USA", "", None)


@pytest.mark.parametrize(
    "row, problem",
    [
        ("Putin\tVladimir Putin\t\tRUS\tRUSGOV\t\t\t", "bad person key 'Putin' (lower-case letters, digits, _)"),
        ("putin-v\tVladimir Putin\t\tRUS\tRUSGOV\t\t\t", "bad person key 'putin-v' (lower-case letters, digits, _)"),
        ("putin\tVladimir Putin\t\tRUS\tRUSgov\t\t\t", "bad CAMEO code 'RUSgov' (three-letter blocks of A-Z/0-9)"),
        ("putin\tVladimir Putin\t\t\tRUSGOV\t\t\t", "person 'putin' needs a three-letter country"),
        ("putin\tVladimir Putin\t\tRU\tRUSGOV\t\t\t", "person 'putin' needs a three-letter country"),
        ("putin\tVladimir Putin\t\tRUSS\tRUSGOV\t\t\t", "person 'putin' needs a three-letter country"),
        ("putin\tVladimir Putin\t\tRUS\tRUSGOV\t2012-05-07\t07/05/2024\t", "bad date '07/05/2024' (want YYYY-MM-DD)"),
        ("putin\tVladimir Putin\t\tRUS\tRUSGOV\t2012-5-7\t\t", "bad date '2012-5-7' (want YYYY-MM-DD)"),
        (
            "putin\tVladimir Putin\t\tRUS\tRUSGOV\t2012-05-07\t2000-05-07\t",
            "period ends (2000-05-07) before it starts (2012-05-07)",
        ),
        (
            "medvedev\tVladimir Putin\t\tRUS\tRUSGOV\t\t\t",
            "person 'medvedev' has two names: 'Dmitry Medvedev', 'Vladimir Putin'",
        ),
    ],
)
def test_a_bad_person_row_names_its_line(tmp_path, row, problem):
    path = tsv(
        tmp_path,
        "people.tsv",
        PEOPLE_HEADER,
        "medvedev\tDmitry Medvedev\t\tRUS\tRUSGOV\t2008-05-07\t2012-05-07\tpresident",
        row,
    )
    assert error(load_people, path) == f"people.tsv:4: {problem}"


def test_trailing_empty_columns_may_be_left_out(tmp_path):
    path = tsv(tmp_path, "people.tsv", PEOPLE_HEADER, "x_y\tX Y\t\tUSA\tUSAGOV\t2001-01-01")
    (e,) = load_people(path)
    assert e.periods == (Period(D(2001, 1, 1), None, "USAGOV", "", "people.tsv:x_y 2001-01-01.."),)
    path = tsv(tmp_path, "names.tsv", "name\tgender", "Anna")
    with pytest.raises(DataError) as info:
        load_names(path)
    assert str(info.value) == "names.tsv:3: gender must be m or f, not ''"


def test_a_person_without_a_name_is_reported_at_their_first_row(tmp_path):
    path = tsv(
        tmp_path,
        "people.tsv",
        PEOPLE_HEADER,
        "a_b\tA B\t\tUSA\tUSAGOV\t\t\t",
        "x_y\t\tXY\tUSA\tUSAGOV\t2001-01-01\t2002-01-01\t",
        "x_y\t\t\tUSA\tUSALEG\t2003-01-01\t\t",
    )
    assert error(load_people, path) == "people.tsv:4: person 'x_y' has no name on any row"


def test_the_same_name_on_two_rows_is_one_name(tmp_path):
    path = tsv(
        tmp_path,
        "people.tsv",
        PEOPLE_HEADER,
        "x_y\tX Y\t\tUSA\tUSAGOV\t2001-01-01\t2002-01-01\t",
        "x_y\tX Y\t\tUSA\tUSALEG\t2003-01-01\t\t",
    )
    (e,) = load_people(path)
    assert e.name == "X Y" and len(e.periods) == 2


def test_a_period_covers_its_first_day_and_not_its_end_day():
    p = Period(D(2021, 1, 20), D(2025, 1, 20), "USAGOV")
    assert not p.covers(D(2021, 1, 19)) and p.covers(D(2021, 1, 20)) and p.covers(D(2025, 1, 19))
    assert not p.covers(D(2025, 1, 20))
    assert Period(None, D(2000, 1, 1), "X").covers(D(1, 1, 1)) and not Period(None, D(2000, 1, 1), "X").covers(
        D(2000, 1, 1)
    )
    assert Period(D(2000, 1, 1), None, "X").covers(D(9999, 12, 31))
    assert Period(None, None, "X").covers(D(2000, 1, 1))


def test_a_period_is_labelled_by_its_dates_with_open_ends_left_empty():
    assert Period(D(2021, 1, 20), D(2025, 1, 20), "USAGOV").label() == "2021-01-20..2025-01-20"
    assert Period(D(2021, 1, 20), None, "USAGOV").label() == "2021-01-20.."
    assert Period(None, D(2021, 1, 20), "USAGOV").label() == "..2021-01-20"
    assert Period(None, None, "USAGOV").label() == ".."


def person(*periods, code="USA"):
    return Entry(PERSON, "X", code, "X", "x", "t", country=code, periods=tuple(periods))


def test_the_role_on_a_day_is_the_period_covering_it_else_the_country_alone():
    senate = Period(D(1973, 1, 3), D(2009, 1, 15), "USALEG", "senator")
    vp = Period(D(2009, 1, 20), D(2017, 1, 20), "USAGOV", "vice_president")
    pres = Period(D(2021, 1, 20), None, "USAGOV", "president")
    e = person(senate, vp, pres)
    assert e.at(D(2010, 6, 1)) == ("USAGOV", "vice_president", vp)
    assert e.at(D(2009, 1, 14)) == ("USALEG", "senator", senate)
    assert e.at(D(2009, 1, 15)) == ("USA", "", None)  # between two offices
    assert e.at(D(2030, 1, 1)) == ("USAGOV", "president", pres)
    assert e.at(D(1960, 1, 1)) == ("USA", "", None)
    assert Entry(COUNTRY, "Chad", "CHA", "Chad", "CHA", "t").at(D(2000, 1, 1)) == ("CHA", "", None)


def test_overlapping_periods_the_one_that_started_last_wins():
    party = Period(None, None, "USAPTY", "party_member")
    gov = Period(D(2021, 1, 20), D(2025, 1, 20), "USAGOV", "president")
    e = person(party, gov)
    assert e.at(D(2022, 1, 1)) == ("USAGOV", "president", gov)
    assert e.at(D(2026, 1, 1)) == ("USAPTY", "party_member", party)
    assert person(gov, party).at(D(2022, 1, 1))[2] is gov


def test_without_a_date_the_most_recent_role_is_the_open_one_else_the_one_that_started_last():
    old = Period(D(1990, 1, 1), D(2000, 1, 1), "USALEG", "senator")
    later = Period(D(2001, 1, 1), D(2005, 1, 1), "USAGOV", "secretary")
    open_ = Period(D(1980, 1, 1), None, "USAPTY", "member")
    assert person(old, later).at(None) == ("USAGOV", "secretary", later)
    assert person(later, old).at(None) == ("USAGOV", "secretary", later)
    assert person(old, open_, later).at(None) == ("USAPTY", "member", open_)
    since_ever = Period(None, D(1995, 1, 1), "USALEG", "senator")
    assert person(since_ever, later).at(None)[2] is later
    assert person(later, since_ever).at(None)[2] is later


def test_an_all_capital_short_alias_is_exact(tmp_path):
    cases = {
        "US": True,
        "U.S.": True,
        "NATO": True,
        "UNSC5": True,
        "ABCDE": True,
        "ABCDEF": False,
        "Hamas": False,
        "nato": False,
        "U S": False,
        "123": False,
    }
    path = tsv(tmp_path, "countries.tsv", COUNTRY_HEADER, f"USA\tUSA\tUnited States\t{'|'.join(cases)}\t\t\tmember")
    exact = {e.phrase: e.exact for e in load_countries(path) if e.kind == COUNTRY}
    assert exact == {"United States": False} | cases


# --- the lexicon's indexes ------------------------------------------------------------------------


def test_gender_from_the_full_name_then_the_given_name():
    lex = Lexicon(genders={"anna": "f", "kim jong un": "m", "j": "m"})
    assert lex.gender("Anna Schmidt") == "f"
    assert lex.gender("ANNA") == "f"
    assert lex.gender("Kim Jong Un") == "m"
    assert lex.gender("Kim Yo Jong") == ""
    assert lex.gender("J. Smith") == "m"
    assert lex.gender("") == ""
    lex.add(Entry(STOP, "x", None, "x", "stop:x", "t"))
    assert [e.phrase for e in lex.entries] == ["x"]


def test_people_by_office_for_counterparts():
    fm = Period(D(2004, 3, 9), None, "RUSGOV", "foreign_minister")
    lavrov = [
        Entry(PERSON, a, "RUS", "Sergei Lavrov", "lavrov", "t", country="RUS", periods=(fm,))
        for a in ("Sergei Lavrov", "Lavrov")
    ]
    sg = Period(D(2017, 1, 1), None, "IGOUNO", "secretary_general")
    nato = Period(D(2014, 10, 1), D(2024, 10, 1), "IGOWSTNAT", "secretary_general")
    plain = Period(None, D(2004, 3, 9), "RUS", "")
    nocode = Period(D(1990, 1, 1), D(1991, 1, 1), "", "ambassador")
    ngo = Period(D(2010, 1, 1), None, "NGOHRI", "director")
    img = Period(D(2010, 1, 1), None, "IMGMUS", "leader")
    guterres = Entry(PERSON, "Guterres", "PRT", "Antonio Guterres", "guterres", "t", country="PRT", periods=(sg,))
    other = Entry(
        PERSON,
        "Stoltenberg",
        "NOR",
        "Jens Stoltenberg",
        "stoltenberg",
        "t",
        country="NOR",
        periods=(nato, plain, nocode, ngo, img),
    )
    lex = Lexicon(
        entries=[Entry(COUNTRY, "Russia", "RUS", "Russia", "RUS", "t", periods=(fm,))] + lavrov + [guterres, other]
    )
    got = lex.people_by_office()
    assert got == {
        ("RUS", "foreign_minister"): [(fm, lavrov[0])],
        ("IGOUNO", "secretary_general"): [(sg, guterres)],
        ("IGOWSTNAT", "secretary_general"): [(nato, other)],
        ("NGOHRI", "director"): [(ngo, other)],
        ("IMGMUS", "leader"): [(img, other)],
    }


def test_two_people_in_the_same_office_are_both_listed():
    a = Period(D(2000, 1, 1), D(2004, 1, 1), "FRAGOV", "president")
    b = Period(D(2004, 1, 1), None, "FRAGOV", "president")
    x = Entry(PERSON, "X", "FRA", "X", "x", "t", country="FRA", periods=(a,))
    y = Entry(PERSON, "Y", "FRA", "Y", "y", "t", country="FRA", periods=(b,))
    assert Lexicon(entries=[x, y]).people_by_office() == {("FRA", "president"): [(a, x), (b, y)]}


# --- the validator --------------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path):
    for path in data_dir().glob("*.tsv"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def append(path, line):
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def test_the_bundled_data_validates_and_a_missing_file_is_reported(data_copy):
    assert validate_data(data_copy) == []
    (data_copy / "regions.tsv").unlink()
    (data_copy / "stop.tsv").unlink()
    assert validate_data(data_copy) == ["stop.tsv: missing", "regions.tsv: missing"]


def test_a_phrase_with_two_meanings_in_one_file_is_reported(data_copy):
    append(data_copy / "regions.tsv", "ZZZ\tWest\t\t")
    append(data_copy / "roles.tsv", "president\tMIL\ttitle\tpresident")
    problems = validate_data(data_copy)
    assert problems == [
        "regions.tsv: region 'West' means both WST|WST and ZZZ|ZZZ",
        "roles.tsv: role 'president' means both GOV and MIL",
        "roles.tsv: role 'presidents' means both GOV and MIL",
    ]


def test_an_exact_alias_differs_from_the_same_word_in_lower_case(data_copy):
    append(data_copy / "regions.tsv", "ZZZ\tZedland\tWEST\t")
    assert validate_data(data_copy) == []
    append(data_copy / "regions.tsv", "ZZY\tWest Zed\tWEST\t")
    assert validate_data(data_copy) == ["regions.tsv: region 'WEST' means both ZZZ|ZZZ and ZZY|ZZY"]


def test_phrases_that_are_not_exact_conflict_whatever_their_case(data_copy):
    append(data_copy / "regions.tsv", "ZZZ\tZedland\tthe west\t")
    assert validate_data(data_copy) == ["regions.tsv: region 'the west' means both WST|WST and ZZZ|ZZZ"]


def test_a_person_listed_twice_and_the_same_role_code_again_are_no_conflict(data_copy):
    append(data_copy / "people.tsv", "someone_else\tJoe Biden\t\tUSA\tUSALEG\t\t\t")
    append(data_copy / "roles.tsv", "president\tGOV\ttitle\thead_of_state")
    assert validate_data(data_copy) == []


def test_a_broken_line_is_reported_and_the_other_files_still_checked(data_copy):
    append(data_copy / "orgs.tsv", "IGOXXX\tClub\t\tclub")
    append(data_copy / "roles.tsv", "Envoy\tGOV\ttitle\t-")
    append(data_copy / "names.tsv", "Alex\tx")
    n = sum(1 for _ in open(data_copy / "orgs.tsv", encoding="utf-8"))
    r = sum(1 for _ in open(data_copy / "roles.tsv", encoding="utf-8"))
    m = sum(1 for _ in open(data_copy / "names.tsv", encoding="utf-8"))
    assert validate_data(data_copy) == [
        f"orgs.tsv:{n}: unknown organisation kind 'club'",
        f"roles.tsv:{r}: role phrase 'Envoy' must be lower-case",
        f"names.tsv:{m}: gender must be m or f, not 'x'",
    ]
    (data_copy / "names.tsv").unlink()
    problems = validate_data(data_copy)
    assert len(problems) == 3 and "names.tsv" in problems[2] and "No such file" in problems[2]


def test_units_must_belong_to_a_listed_country_and_not_take_another_entrys_name(data_copy):
    append(data_copy / "subnational.tsv", "ZZZ\tNowhere Province\t\t\tprovince")
    append(data_copy / "subnational.tsv", "FRA\tKremlin Land\tKremlin|NATO\tWestern\tregion")
    problems = validate_data(data_copy)
    assert problems == [
        "subnational.tsv: 'Nowhere Province' belongs to ZZZ, which countries.tsv does not list",
        "subnational.tsv: unit 'Kremlin' is already metonyms.tsv metonym RUSGOV",
        "subnational.tsv: unit 'NATO' is already orgs.tsv org IGOWSTNAT",
        "subnational.tsv: unit_adj 'Western' is already regions.tsv region_adj WST",
    ]


def test_without_sub_national_units_there_is_nothing_to_check_against_them(data_copy):
    (data_copy / "subnational.tsv").write_text(SUB_HEADER + "\n", encoding="utf-8")
    assert validate_data(data_copy) == []
    (data_copy / "countries.tsv").unlink()
    append(data_copy / "subnational.tsv", "ZZZ\tNowhere\t\t\tprovince")
    # with no countries file there is no list to check a unit's country against
    assert validate_data(data_copy) == ["countries.tsv: missing"]
