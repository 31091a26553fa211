"""How a send fails: for good (`Permanent`) or for now (`Temporary`, and any other
exception). The outbox gives up the first at once and tries the second again later."""

import hashlib


class Permanent(Exception):
    """A failure that sending again cannot mend: the notice is given up."""


class Temporary(Exception):
    """A failure that may pass (any exception not `Permanent` is taken as one): the
    notice is tried again."""


def digest_if_longer(key: str, limit: int) -> str:
    """A notice's key as a gateway's request or tracking id of at most `limit`
    characters: itself when it fits, else (the same every time) its SHA-256 digest."""
    if len(key) <= limit:
        return key
    return hashlib.sha256(key.encode()).hexdigest()[:limit]
