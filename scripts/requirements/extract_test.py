#!/usr/bin/env python3
"""Tests of extract.py on small RFC-like texts (the rendering of docs/rfc):
headings only where the table of contents says, sentences across lines,
abbreviations, list items with their lead-in, keyword lead-ins that carry
their list, repeated sentences, excluded sections, ids."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import extract  # noqa: E402

TEXT = """Request for Comments: 9999

Table of Contents

  • 1.   Introduction
      □ 1.1.   Requirements Notation
  • 2.   Things
      □ 2.1.   Lists
  • 3.   Thing Registry
  • Appendix A.   Notes

1. Introduction

Intro text without keywords.¶

1.1. Requirements Notation

The key words "MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT", "SHOULD", "SHOULD NOT", "
RECOMMENDED", "NOT RECOMMENDED", "MAY", and "OPTIONAL" in this document are to be interpreted as
described in BCP 14.¶

2. Things

A server MUST send a response (e.g., a 200) to every
request. It MAY add fields. See Section
2.1. A client SHOULD NOT send Foo: it is NOT RECOMMENDED.¶

The server MUST NOT close. A sender MUST do X.¶

Again: the server MUST NOT close.¶

3. Looks like a heading but is not the next entry: it MUST stay in section 2.¶

2.1. Lists

When validating, a cache:¶

  • MUST send the tags.
  • MAY send a date.

A server MUST send either:¶

  • an immediate response, or
  • a 100 (Continue) response.

The order is:¶

 1. first step.

 2. second step; a proxy MUST forward it.

Line broken after a slash: request/
response MUST stay whole.¶

3. Thing Registry

A registration MUST name a contact.¶

Appendix A. Notes

Appendix text SHOULD count too.¶
"""


class ExtractTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp()
        cls.path = os.path.join(cls.dir, "rfc9999.txt")
        with open(cls.path, "w", encoding="utf-8") as f:
            f.write(TEXT)
        cls.found, cls.excluded, cls.sections = extract.extract(9999, cls.path)
        cls.texts = [r["text"] for r in cls.found]

    def record(self, start):
        matches = [r for r in self.found if r["text"].startswith(start)]
        self.assertEqual(len(matches), 1, start)
        return matches[0]

    def test_sentences_span_lines_and_skip_abbreviations(self):
        r = self.record("A server MUST send a response")
        self.assertEqual(r["text"], "A server MUST send a response (e.g., a 200) to every request.")
        self.assertEqual(r["section"], "2")
        self.assertEqual(r["title"], "Things")
        self.assertEqual(self.record("It MAY")["keywords"], ["MAY"])

    def test_a_wrapped_section_number_is_no_heading(self):
        # "2.1. A client ..." begins a line inside a paragraph; "3. Looks ..."
        # begins a paragraph but is not the table's next entry (2.1).
        r = self.record("A client SHOULD NOT")
        self.assertEqual(r["section"], "2")
        self.assertEqual(r["keywords"], ["SHOULD NOT", "NOT RECOMMENDED"])
        self.assertEqual(self.record("Looks like a heading")["section"], "2")
        self.assertEqual(self.record("MUST send the tags.")["section"], "2.1")

    def test_boilerplate_and_registries_are_excluded(self):
        self.assertFalse(any(t.startswith("The key words") for t in self.texts))
        self.assertFalse(any("registration" in t for t in self.texts))
        self.assertEqual(len(self.excluded), 2)

    def test_list_items_keep_their_lead_in_as_context(self):
        r = self.record("MUST send the tags.")
        self.assertEqual(r["context"], "When validating, a cache:")
        self.assertEqual(r["section"], "2.1")
        self.assertEqual(self.record("MAY send a date.")["context"], "When validating, a cache:")

    def test_a_keyword_lead_in_carries_its_list(self):
        r = self.record("A server MUST send either:")
        self.assertEqual(r["text"], "A server MUST send either: an immediate response, or a 100 "
                                    "(Continue) response.")
        self.assertEqual(r["lead_in"], "A server MUST send either:")

    def test_numbered_items_without_a_keyword_lead_in(self):
        r = self.record("second step;")
        self.assertEqual(r["context"], "The order is:")
        self.assertNotIn("lead_in", r)

    def test_no_space_after_a_slash_at_a_line_break(self):
        self.assertIn("request/response MUST stay whole.",
                      [t.split(": ")[-1] for t in self.texts])

    def test_repeated_sentences_get_context_and_distinct_ids(self):
        first, second = [r for r in self.found if r["text"].endswith("MUST NOT close.")]
        self.assertNotEqual(first["text"], second["text"])  # "The" and "the": two sentences
        same = [r for r in self.found if "A sender MUST do X." == r["text"]]
        self.assertEqual(len(same), 1)

    def test_identical_sentences_in_one_section(self):
        body = ["The server MUST stop. Then it MUST close.", "", "The server MUST stop.", ""]
        found = extract.section_requirements(1, "9", "T", body)
        extract.disambiguate(found)
        extract.assign_ids(found)
        ids = [r["id"] for r in found if r["text"] == "The server MUST stop."]
        self.assertEqual(len(ids), 2)
        self.assertEqual(ids[1], ids[0] + "-2")
        self.assertNotIn("context", found[0])  # nothing before it in its paragraph
        self.assertNotIn("context", found[2])

    def test_appendices_and_top_level_titles(self):
        self.assertEqual(self.record("Appendix text")["section"], "A")
        self.assertEqual(self.sections, {"1": "Introduction", "2": "Things", "3": "Thing Registry",
                                         "A": "Notes"})

    def test_ids_follow_the_words_not_the_position(self):
        r = self.record("A sender MUST do X.")
        self.assertRegex(r["id"], r"^9999-2-[0-9a-f]{8}$")
        edited = TEXT.replace("The server MUST NOT close. A sender", "A new sentence MUST be "
                              "here. The server MUST NOT close. A sender")
        path = os.path.join(self.dir, "edited.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(edited)
        again = {x["text"]: x["id"] for x in extract.extract(9999, path)[0]}
        self.assertEqual(again["A sender MUST do X."], r["id"])

    def test_heading_missing_from_the_body_is_an_error(self):
        path = os.path.join(self.dir, "broken.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(TEXT.replace("\nAppendix A. Notes\n", "\nNotes\n"))
        with self.assertRaises(extract.ExtractError):
            extract.extract(9999, path)

    def test_validate(self):
        good = {"id": "x", "binds": ["server"], "observable": "origin", "plan": "p"}
        self.assertEqual(extract.validate(good), [])
        self.assertEqual(extract.validate(dict(good, observable=None)), ["unclassified"])
        self.assertTrue(extract.validate(dict(good, binds=["the moon"])))
        self.assertTrue(extract.validate(dict(good, binds=[])))
        self.assertTrue(extract.validate(dict(good, observable="client")))  # plan on a client one
        self.assertTrue(extract.validate(dict(good, reason="")))
        self.assertTrue(extract.validate(dict(good, extra=1)))


if __name__ == "__main__":
    unittest.main()
