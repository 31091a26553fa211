"""The one domain error type. Services raise it; views and the API translate it once."""


class DomainError(Exception):
    """A rule of the domain refused an operation.

    `message` is already translated for the person who asked (Vietnamese by default);
    `field` names the input at fault, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
