"""An API operation described as data; the generated methods are thin calls on these."""

from __future__ import annotations

from .._naming import snake

__all__ = ["Op"]


class Op:
    """One operation of the spec: method, path template, parameters, body and result kind.

    Parameters are given by wire name; their Python names follow :func:`snake` (the same
    function the generator uses for the method signatures).
    """

    __slots__ = (
        "body",
        "header",
        "method",
        "op_id",
        "path",
        "query",
        "retry_safe",
        "returns",
        "template",
    )

    def __init__(
        self,
        op_id: str,
        method: str,
        template: str,
        /,
        *,
        path: tuple[str, ...] = (),
        query: tuple[str, ...] = (),
        header: tuple[str, ...] = (),
        body: tuple[str, str] | None = None,
        returns: str | None = None,
        retry_safe: bool = False,
    ) -> None:
        self.op_id = op_id
        self.method = method
        self.template = template
        self.path = tuple((snake(w), w) for w in path)
        self.query = tuple((snake(w), w) for w in query)
        self.header = tuple((snake(w), w) for w in header)
        self.body = body  # (python name, "json" | "multipart")
        self.returns = returns  # "Model", "[Model]", "[str]", "bytes" or None
        self.retry_safe = retry_safe or method in ("GET", "HEAD", "PUT", "DELETE", "OPTIONS")

    def __repr__(self) -> str:
        return f"<Op {self.op_id}: {self.method} {self.template}>"
