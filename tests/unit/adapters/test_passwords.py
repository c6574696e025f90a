"""The argon2 hasher: by default the same costs as pwdlib's recommended hasher (so hashes stored
before keep verifying), cheaper costs on request."""

from __future__ import annotations

from pwdlib import PasswordHash

from runrehab.adapters.passwords import Argon2Hasher


def test_default_costs_are_pwdlibs_recommended_ones() -> None:
    hashed = Argon2Hasher().hash("correct horse")
    recommended = PasswordHash.recommended().hash("correct horse")
    assert hashed.split("$")[:4] == recommended.split("$")[:4]
    assert PasswordHash.recommended().verify("correct horse", hashed)


def test_cheap_costs_hash_and_verify() -> None:
    hasher = Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1)
    hashed = hasher.hash("correct horse")
    assert "$m=1024,t=1,p=1$" in hashed
    assert hasher.verify("correct horse", hashed)
    assert not hasher.verify("wrong horse", hashed)
    assert Argon2Hasher().verify("correct horse", hashed)
