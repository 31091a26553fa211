"""Encrypted secret ballots: the counting board's key, ballots, the encrypted tally and
the record anyone can verify (docs/secret-ballot.md, issue 17).

Nothing here is a home-made primitive. Paillier (additively homomorphic) comes from
`phe` (with `gmpy2`), Shamir's secret sharing and AES-GCM from `pycryptodome`. What is
written here is the plumbing between them and the one derived quantity Paillier lets
anyone check: the aggregate's randomness r with c = g^m · r^n mod n².

- A round's key pair is made when the round opens. The private key (its primes p, q) is
  stored only encrypted with AES-256-GCM under a random 32-byte key; that key is split
  by Shamir into one share per member of the counting board (Decree 59/2023 art. 3:
  every round has a counting board), `threshold` of them needed. pycryptodome's Shamir
  shares 16-byte secrets, so the 32-byte key is split as two 16-byte halves with the
  same member indices; a member's share is both halves.
- A ballot is one ciphertext per option (1 for the chosen, 0 for the others). `phe`
  offers no proof that a ciphertext holds 0 or 1, so the server encrypts the choice
  in memory the moment it arrives (the issue allows it); the record's check that the
  totals add up to the number of ballots catches a ballot counted twice or more.
- Only an aggregate of at least the round's minimum number of distinct ballots is ever
  decrypted: no function here takes a single ballot to decrypt.
"""

from coso.decisions.crypto.keys import (
    MIN_AGGREGATE_BALLOTS,
    MadeRoundKeys,
    PublicKey,
    RoundKeys,
    Share,
    default_key_bits,
    round_keys_make,
    share_parse,
)
from coso.decisions.crypto.record import (
    RECORD_FORMAT,
    Group,
    Verdict,
    record_build,
    verify_record,
)
from coso.decisions.crypto.tally import (
    Aggregate,
    Ballot,
    Decryption,
    aggregate,
    aggregate_decrypt,
    ballot_encrypt,
)

__all__ = [
    "MIN_AGGREGATE_BALLOTS",
    "RECORD_FORMAT",
    "Aggregate",
    "Ballot",
    "Decryption",
    "Group",
    "MadeRoundKeys",
    "PublicKey",
    "RoundKeys",
    "Share",
    "Verdict",
    "aggregate",
    "aggregate_decrypt",
    "ballot_encrypt",
    "default_key_bits",
    "record_build",
    "round_keys_make",
    "share_parse",
    "verify_record",
]
