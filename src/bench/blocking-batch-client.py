#!/usr/bin/env python3
"""A batch sent the way most clients send one: the whole request, then the answer is read.

    python3 src/bench/blocking-batch-client.py PORT ITEMS [KEY]      (KEY defaults to $REFERRALS_API_KEY)

Each item carries 27 DASH answers and 20 police incidents (about 1.4 KB, 14 MB for 10,000 items), and
the client's receive buffer is 64 KB, as over a network, so the answer cannot wait in the connection's
buffers while the request is still being sent. Prints the status, how many items were decided and the time.
"""
import http.client
import json
import os
import socket
import sys
import time

port, n = int(sys.argv[1]), int(sys.argv[2])
key = sys.argv[3] if len(sys.argv) > 3 else os.environ.get("REFERRALS_API_KEY", "")
questions = ["current_injury", "very_frightened", "afraid_of_further_harm", "isolated", "depressed_or_suicidal", "separation",
             "child_contact_conflict", "stalking_harassment", "pregnancy_or_new_baby", "children_or_dependants_in_household",
             "hurt_children_or_dependants", "threatened_children_or_dependants", "abuse_more_often", "abuse_getting_worse",
             "controlling_or_jealous", "weapons_used", "threats_to_kill", "strangulation", "sexual_abuse", "other_person_threatening",
             "hurt_anyone_else", "animal_abuse", "financial_issues", "substance_or_mental_health", "perpetrator_suicide_threats",
             "breached_bail_or_order", "criminal_history"]
items = [{"caseRef": "BATCH-%d" % i, "area": "cleveland", "asOf": "2026-06-15",
          "victim": {"age": 30, "relationship": "CURRENT_PARTNER"}, "perpetrator": {"age": 31},
          "dash": {"answers": {q: "NO" for q in questions}},
          "policeIncidents": [{"date": "2025-%02d-%02d" % (1 + j % 12, 1 + j % 28)} for j in range(20)],
          "professionalJudgement": {"concerned": True, "grounds": ["ESCALATION"], "rationale": "escalating"},
          "consent": {"victimAware": True, "consentGiven": True, "significantConcern": False}} for i in range(n)]
body = json.dumps(items).encode()


class SmallBuffer(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
        self.sock.settimeout(self.timeout)
        self.sock.connect((self.host, self.port))


started = time.time()
connection = SmallBuffer("127.0.0.1", port, timeout=150)
try:
    connection.request("POST", "/v1/decisions/batch", body=body,
                       headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    response = connection.getresponse()
    results = json.loads(response.read())["results"]
    print("status %d: %d items, %d decided, in %.1f s (body %d bytes)" % (response.status, len(results),
          sum(1 for r in results if r["status"] == 200), time.time() - started, len(body)))
except Exception as e:
    print("FAILED after %.1f s: %r (body %d bytes)" % (time.time() - started, e, len(body)))
    sys.exit(1)
