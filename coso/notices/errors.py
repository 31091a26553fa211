"""How a send fails: for good (`Permanent`) or for now (`Temporary`, and any other
exception). The outbox gives up the first at once and tries the second again later."""


class Permanent(Exception):
    """A failure that sending again cannot mend: the notice is given up."""


class Temporary(Exception):
    """A failure that may pass (any exception not `Permanent` is taken as one): the
    notice is tried again."""
