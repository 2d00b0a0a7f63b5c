"""Runs alipay_phone over vectors.json (`npx alimock vectors --out DIR`).

    VECTORS=DIR/vectors.json python3 -m unittest test_vectors      or      python3 test_vectors.py DIR/vectors.json
"""

import json
import os
import sys
import unittest

from alipay_phone import Keys, Refusal, parse_aes_key, parse_public_key, phone_number


class VectorsTest(unittest.TestCase):
    path = os.environ.get("VECTORS")

    def test_vectors(self):
        if not self.path:
            self.skipTest("set VECTORS to the path of vectors.json (npx alimock vectors --out DIR)")
        with open(self.path, encoding="utf-8") as f:
            file = json.load(f)
        keys = Keys(parse_public_key(file["keys"]["alipayPublicKey"]), parse_aes_key(file["keys"]["aesKey"]))
        self.assertTrue(file["vectors"], "no vectors")
        for vector in file["vectors"]:
            with self.subTest(vector["id"]):
                expect = vector["expect"]
                try:
                    mobile, code = phone_number(vector["envelope"], keys), None
                except Refusal as refusal:
                    mobile, code = None, refusal.code
                if expect["verdict"] == "accepted":
                    self.assertEqual((mobile, code), (expect["mobile"], None))
                else:
                    self.assertIn(code, expect["codes"], f"got mobile {mobile}" if code is None else None)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        VectorsTest.path = sys.argv.pop(1)
    unittest.main()
