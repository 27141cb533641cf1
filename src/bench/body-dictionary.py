#!/usr/bin/env python3
"""How the decision log's compression dictionary (src/main/resources/org/referraldecisions/audit/body-dictionary-1.txt)
was built, and how much it saves. The dictionary is part of the stored format: never edit number 1; build a better
one as number 2 (SealedBodies reads the number from each stored body).

    python3 src/bench/body-dictionary.py PAIRS.jsonl [OUT]
    DICTIONARY_BYTES=8192 FIRED_RULES=omit python3 src/bench/body-dictionary.py PAIRS.jsonl [OUT]   (number 2)

PAIRS.jsonl: one {"request": "...", "response": "..."} a line, the exact bodies the service logged for every valid
golden case (post each golden request to a running service, then read GET /v1/decisions/{id}'s request and the
response as sent). Fragments that occur in two or more decisions (array items such as fired rules with their
citation and explanation, "key":value pairs) are ranked by occurrences x length; the most valuable go last, nearest
the data, as zlib advises, up to its 32 KB window. Per-decision values (ids, times, case references) are left out.
Prints bytes a decision: raw, DEFLATE alone, DEFLATE with the dictionary, and with a dictionary built from half
the cases measured on the other half (how it does on decisions it was not built from).

Number 1 (32 KB) was built from whole responses. Number 2 (DICTIONARY_BYTES=8192 FIRED_RULES=omit) is for the
second stored form, where a response is kept without its fired rules' text (audit/LoggedResponse): built from the
responses with "firedRules" emptied, and small, since DEFLATE digests the whole dictionary for every body.
"""
import os
import collections
import json
import sys
import zlib

SKELETON = ('{"decisionId":"","caseRef":"","asOf":"","decidedAt":"","ruleset":{"area":"","version":"","sha256":""},'
            '"marac":{"refer":false,"grounds":[],"repeat":false,"hearing":null,"lead":null},"informationSharing":{"basis":null},'
            '"mappa":{"eligible":false,"category":null,"recommendedLevel":null,"leads":false},"actions":[],"firedRules":[],'
            '"unmetCriteria":[],"warnings":[]}')


def build(pairs):
    count = collections.Counter()

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if isinstance(v, list):
                    for e in v:
                        if isinstance(e, dict):
                            count[json.dumps(e, separators=(',', ':'), ensure_ascii=False)] += 1
                        walk(e)
                elif isinstance(v, dict):
                    count['"%s":%s' % (k, json.dumps(v, separators=(',', ':'), ensure_ascii=False))] += 1
                    walk(v)
                elif isinstance(v, str):
                    count['"%s":"%s"' % (k, v)] += 1
                else:
                    count['"%s":%s' % (k, json.dumps(v))] += 1

    for p in pairs:
        walk(trimmed(p['response']))
        walk(json.loads(p['request']))
    items = [(s, c) for s, c in count.items()
             if c >= 2 and 'decisionId' not in s and 'decidedAt' not in s and 'caseRef' not in s]
    items.sort(key=lambda sc: sc[1] * len(sc[0]))
    chosen, total = [], 0
    for s, _ in reversed(items):
        b = len(s.encode())
        if total + b > DICTIONARY_BYTES - 600:
            continue
        chosen.append(s)
        total += b
    chosen.reverse()
    return (''.join(chosen) + SKELETON).encode()


DICTIONARY_BYTES = int(os.environ.get('DICTIONARY_BYTES', 32 * 1024))
OMIT_FIRED_RULES = os.environ.get('FIRED_RULES') == 'omit'


def trimmed(response_text):
    response = json.loads(response_text)
    if OMIT_FIRED_RULES:
        response['firedRules'] = []
    return response


def text(response_text):
    return json.dumps(trimmed(response_text), separators=(',', ':'), ensure_ascii=False) if OMIT_FIRED_RULES else response_text


def size(pairs, dictionary=None):
    total = 0
    for p in pairs:
        data = p['request'].encode() + text(p['response']).encode()
        c = zlib.compressobj(6, zlib.DEFLATED, -15, 8, 0, dictionary) if dictionary else zlib.compressobj(6, zlib.DEFLATED, -15)
        total += len(c.compress(data) + c.flush())
    return total / len(pairs)


if __name__ == '__main__':
    pairs = [json.loads(line) for line in open(sys.argv[1])]
    d = build(pairs)
    if len(sys.argv) > 2:
        open(sys.argv[2], 'wb').write(d)
    raw = sum(len(p['request'].encode()) + len(text(p['response']).encode()) for p in pairs) / len(pairs)
    held_out = size(pairs[1::2], build(pairs[0::2]))
    print(f"{len(pairs)} decisions; dictionary {len(d)} bytes")
    print(f"bytes a decision: raw {raw:.0f}, DEFLATE {size(pairs):.0f}, DEFLATE + dictionary {size(pairs, d):.0f}, "
          f"held out {held_out:.0f}")
