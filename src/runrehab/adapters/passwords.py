"""Password hashing with argon2 (via pwdlib): the `Hasher` the account use cases are given.

The cost parameters default to exactly what `PasswordHash.recommended()` uses (argon2-cffi's
defaults), so stored hashes keep verifying; tests may pass cheaper ones to run faster.
"""

from __future__ import annotations

import argon2
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher as _Argon2


class Argon2Hasher:
    def __init__(
        self,
        *,
        time_cost: int = argon2.DEFAULT_TIME_COST,
        memory_cost: int = argon2.DEFAULT_MEMORY_COST,
        parallelism: int = argon2.DEFAULT_PARALLELISM,
    ) -> None:
        self._hash = PasswordHash(
            (_Argon2(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism),)
        )

    def hash(self, password: str) -> str:
        return self._hash.hash(password)

    def verify(self, password: str, hashed: str) -> bool:
        return bool(self._hash.verify(password, hashed))
