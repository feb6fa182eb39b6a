"""AsyncClient: credentials, one httpx.AsyncClient, and every API group as an attribute."""

from __future__ import annotations

import functools
import ipaddress
import logging
import re
import ssl
import urllib.request
import warnings
from collections.abc import Callable, Mapping
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpx

from ._http.operation import Op
from ._http.request import PreparedRequest
from ._http.response import ApiResponse, parse_body
from ._http.retry import RetryEvent, RetryPolicy
from ._http.sender import Sender
from ._http.timeouts import Timeouts, as_timeouts
from ._types import UNSET, Secret, Unset
from ._version import __version__
from .api import ApiGroups

if TYPE_CHECKING:
    from .compat import CompatibilityReport
    from .helpers.assets import AssetsApi
    from .helpers.download import DownloadApi
    from .helpers.users import UsersApi

__all__ = ["DEFAULT_TIMEOUT", "AsyncClient", "normalize_base_url"]

log = logging.getLogger("immich_bulk")

#: Connect 10 s; an answer within 60 s (10 s for ping, version and the like); a request or
#: response body may not stall (fewer than 1 KiB moving) for 30 s. No total: a long upload
#: or download that keeps moving never times out. See :class:`Timeouts`.
DEFAULT_TIMEOUT = Timeouts()
DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024


@functools.lru_cache(maxsize=1)
def default_ssl_context() -> ssl.SSLContext:
    """One verifying TLS context per process (building one costs ~20 ms; sharing is safe)."""
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


@functools.lru_cache(maxsize=1)
def _no_tls_context() -> ssl.SSLContext:
    """For a client of an ``http://`` server, which never speaks TLS (redirects stay on
    the same origin): still verifying, but trusting no one, so it cannot fall back to an
    unverified connection, and it skips loading the CA bundle (~20 ms per process)."""
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def _tls_proxy() -> bool:
    """Whether the environment names an ``https://`` proxy (reached over TLS even for
    plain-HTTP servers)."""
    return any(
        isinstance(url, str) and url.lower().startswith("https:")
        for url in urllib.request.getproxies().values()
    )


_HOST_LABEL = re.compile(r"[A-Za-z0-9_-]{1,63}")


def _shown(url: str) -> str:
    """*url* for an error message: credentials in it (``user:pass@``) are blanked."""
    return re.sub(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@", r"\1***@", url.strip())


def _host_problem(parsed: httpx.URL) -> str | None:
    """Why the URL's host cannot be connected to, or None. Checked here because the socket
    layer otherwise fails late and obscurely: an empty or over-long label (``a..b``, 64
    characters) raised a bare UnicodeError from inside the connection attempt, and a port
    above 65535 an ExceptionGroup ending in OverflowError."""
    port = parsed.port
    if port is not None and not 1 <= port <= 65535:
        return f"the port {port} is not between 1 and 65535"
    host = parsed.raw_host.decode("ascii", "replace")
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    name = host[:-1] if host.endswith(".") else host
    if len(name) > 253:
        return "the host name is longer than 253 characters"
    for label in name.split("."):
        if not _HOST_LABEL.fullmatch(label):
            if not label:
                return "the host name has an empty label (two dots in a row?)"
            if len(label) > 63:
                return f"the host name has a label longer than 63 characters ({label[:20]}...)"
            return f"the host name contains characters a host name cannot have ({label!r})"
    return None


def normalize_base_url(url: str) -> str:
    """``http://host:2283``, ``http://host:2283/`` and ``http://host:2283/api/`` all give
    ``http://host:2283/api`` (the API root every path is relative to).

    Raises ValueError, naming the URL (never its credentials), for anything that cannot
    be connected to: no scheme or host, a bad port, a malformed or over-long host name."""
    if not isinstance(url, str) or not url.strip():
        raise ValueError("base_url must be the server's URL, e.g. http://immich.local:2283/api")
    try:
        parsed = httpx.URL(url.strip())
        host = parsed.host  # decodes an IDNA name: a bad one (xn--) raises UnicodeError
    except (httpx.InvalidURL, UnicodeError) as exc:
        raise ValueError(f"base_url is not a valid URL: {_shown(url)!r}: {exc}") from None
    if parsed.scheme not in ("http", "https") or not host:
        raise ValueError(
            f"base_url must start with http:// or https:// and name a host: {_shown(url)!r}"
        )
    if parsed.userinfo:
        raise ValueError("base_url must not contain credentials; pass api_key= instead")
    problem = _host_problem(parsed)
    if problem is not None:
        raise ValueError(f"base_url is not a valid URL: {_shown(url)!r}: {problem}")
    if parsed.query or parsed.fragment:
        raise ValueError("base_url must not contain a query or fragment")
    path = parsed.path.rstrip("/")
    if not path.endswith("/api"):
        path += "/api"
    return str(parsed.copy_with(path=path))


def _check_credentials(**credentials: str | None) -> None:
    """Refuse a credential that cannot be sent as a header value, naming it but never
    showing it. Without this check a key with a stray space, tab, CR or LF (pasted from a
    file) reached h11, whose "Illegal header value b'<the key>'" became the message of the
    TransportError -- the key in an exception and in every log of it -- and a non-ASCII
    key escaped as a bare UnicodeEncodeError."""
    for name, value in credentials.items():
        if value is None or not isinstance(value, str) or not value:
            continue  # Secret() rejects the empty and the non-str ones
        if not all("\x21" <= char <= "\x7e" for char in value):
            raise ValueError(
                f"{name} contains characters that cannot be sent in an HTTP header (spaces, "
                "line breaks, control or non-ASCII characters); check for a stray space or "
                "newline around it"
            )


class AsyncClient(ApiGroups):
    """An async client for one Immich server, usable under asyncio and trio.

    ::

        async with AsyncClient(base_url="http://127.0.0.1:2283/api", api_key="...") as client:
            about = await client.server.get_about_info()

    Every operation of the API is a method of a group attribute (``client.assets``,
    ``client.albums``, ``client.users_admin``, ...), in three modes: ``name`` returns the
    parsed model, ``name_with_http_info`` an :class:`ApiResponse`, and
    ``name_without_preload_content`` the unread streaming response.

    Credentials (any of): ``api_key`` (sent as ``x-api-key``), ``access_token`` (a bearer
    token from ``login``), ``session_cookie`` (the ``immich_access_token`` cookie). They
    never appear in a repr, an exception or a log record.

    ``http_client``: an ``httpx.AsyncClient`` of your own; it is used as is and not closed.
    ``transport``: an httpx transport for the client this one creates (e.g. ASGI, mocks).
    ``verify=False`` turns TLS certificate checks off, with a warning.

    ``timeout``: a :class:`Timeouts` (connect; the wait for an answer; a body that stops
    moving), seconds for every limit, an ``httpx.Timeout`` (``read`` for the answers), or
    ``None`` for no limit; see :data:`DEFAULT_TIMEOUT`. Each call's ``_request_timeout``
    takes the same forms.
    """

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        access_token: str | None = None,
        session_cookie: str | None = None,
        timeout: Timeouts | float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        max_connections: int = 64,
        verify: bool | str | ssl.SSLContext = True,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        on_retry: Callable[[RetryEvent], None] | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        self._base_url = normalize_base_url(base_url)
        timeouts = as_timeouts(timeout, DEFAULT_TIMEOUT)
        _check_credentials(
            api_key=api_key, access_token=access_token, session_cookie=session_cookie
        )
        credentials: dict[str, Secret] = {}
        if api_key is not None:
            credentials["x-api-key"] = Secret(api_key)
        if access_token is not None:
            credentials["Authorization"] = Secret(f"Bearer {Secret(access_token).reveal()}")
        if session_cookie is not None:
            credentials["Cookie"] = Secret(f"immich_access_token={Secret(session_cookie).reveal()}")
        self._auth_kinds = tuple(
            kind
            for kind, value in (
                ("api_key", api_key),
                ("access_token", access_token),
                ("session_cookie", session_cookie),
            )
            if value is not None
        )
        if verify is False:
            message = (
                f"TLS certificate verification is turned off for {self._base_url}: "
                "anyone on the network path can read the API key"
            )
            warnings.warn(message, stacklevel=2)
            log.warning(message)
        if http_client is not None:
            if transport is not None:
                raise ValueError("pass either http_client or transport, not both")
            self._owns_http = False
            http = http_client
            direct = None
        else:
            self._owns_http = True
            limits = httpx.Limits(
                max_connections=max_connections, max_keepalive_connections=max_connections
            )
            context = self._ssl_context(verify)
            if transport is None and not urllib.request.getproxies():
                # our own transport, the one httpx would make, so the sender can call it
                # directly (see Sender.direct); with a proxy configured httpx picks the
                # transport per URL, so the client stays in charge
                transport = httpx.AsyncHTTPTransport(verify=context, limits=limits, trust_env=True)
            direct = transport
            http = httpx.AsyncClient(
                transport=transport,
                verify=context,
                timeout=timeouts.for_httpx(),
                follow_redirects=False,
                limits=limits,
            )
        self._http = http
        self._closed = False
        self._root = self  # a view (with_retry) is open while the client it views is
        self._sender = Sender(
            http=http,
            base_url=self._base_url,
            credentials=credentials,
            headers={"User-Agent": f"immich-bulk/{__version__}", **(headers or {})},
            retry=retry or RetryPolicy(),
            max_response_bytes=max_response_bytes,
            timeouts=timeouts,
            direct=direct,
            keep_cookies=not self._owns_http,
            on_retry=on_retry,
        )

    def _ssl_context(self, verify: bool | str | ssl.SSLContext) -> bool | str | ssl.SSLContext:
        if verify is not True:
            return verify
        if self._base_url.startswith("http://") and not _tls_proxy():
            return _no_tls_context()
        return default_ssl_context()

    # -- groups with hand-written helpers --------------------------------------------
    @cached_property
    def assets(self) -> AssetsApi:
        """Assets (26 operations), plus :meth:`~immich_bulk.helpers.assets.AssetsApi.upload`."""
        from .helpers.assets import AssetsApi

        return AssetsApi(self)

    @cached_property
    def download(self) -> DownloadApi:
        """Download (2 operations), plus archive and library export helpers."""
        from .helpers.download import DownloadApi

        return DownloadApi(self)

    @cached_property
    def users(self) -> UsersApi:
        """Users (15 operations), plus ``get_profile_image_to_file``."""
        from .helpers.users import UsersApi

        return UsersApi(self)

    # -- lifecycle -----------------------------------------------------------------
    async def __aenter__(self) -> AsyncClient:
        if self.is_closed:
            raise RuntimeError("this AsyncClient is closed; create a new one")
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connections (unless the httpx client was passed in by the caller).
        Closing a view made by :meth:`with_retry` does nothing: close the client itself."""
        if self._closed or self._root is not self:
            return
        self._closed = True
        if self._owns_http:
            await self._http.aclose()

    @property
    def is_closed(self) -> bool:
        return self._root._closed

    def _sender_for_call(self) -> Sender:
        if self._root._closed:
            raise RuntimeError("this AsyncClient is closed; create a new one")
        return self._sender

    def with_retry(self, policy: RetryPolicy) -> AsyncClient:
        """A view of this client whose calls retry by *policy* (instead of the client's
        ``retry``): the same connections, credentials, timeouts and ``on_retry``. The
        transfer engines call the server through such a view of their config's policy.
        The view is open while this client is; closing the view does nothing."""
        view = object.__new__(type(self))
        view._base_url = self._base_url
        view._auth_kinds = self._auth_kinds
        view._http = self._http
        view._owns_http = False
        view._closed = False
        view._root = self._root
        view._sender = self._sender.with_retry(policy)
        return view

    # -- information ---------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """The API root, e.g. ``http://127.0.0.1:2283/api``."""
        return self._base_url

    @property
    def server_url(self) -> str:
        """The server's URL without the ``/api`` suffix (what the Immich CLI calls it)."""
        return self._base_url[: -len("/api")]

    @property
    def retry_policy(self) -> RetryPolicy:
        """How this client's calls retry (see :meth:`with_retry` for another policy)."""
        return self._sender.retry

    @property
    def timeouts(self) -> Timeouts:
        """The timeouts of every call (a call's ``_request_timeout`` replaces them)."""
        return self._sender.timeouts

    def __repr__(self) -> str:
        auth = "+".join(self._auth_kinds) or "none"
        state = ", closed" if self.is_closed else ""
        return f"AsyncClient({self._base_url!r}, auth={auth}{state})"

    # -- escape hatches ------------------------------------------------------------
    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        timeout: Timeouts | float | httpx.Timeout | Unset | None = UNSET,
    ) -> ApiResponse[Any]:
        """Call a path the spec does not describe (e.g. ``/spec.json``); ``data`` is the
        decoded JSON (or the bytes for a non-JSON answer). Errors raise as usual."""
        from ._converter import dumps

        if not path.startswith("/"):
            raise ValueError(f"path must start with '/': {path!r}")
        method = method.upper()
        op = Op(f"{method} {path}", method, path)
        req_headers = dict(headers or {})
        content = None
        if json is not None:
            content = dumps(json)
            req_headers.setdefault("Content-Type", "application/json")
        req = PreparedRequest(method, path, list((params or {}).items()), req_headers, content)
        response, body = await self._sender_for_call().send(
            op, req, preload=True, request_timeout=timeout
        )
        is_json = "json" in response.headers.get("content-type", "")
        data = parse_body("json" if is_json else "bytes", response, body, method=method, path=path)
        return ApiResponse(response.status_code, response.headers, data, body)

    async def check_compatibility(self) -> CompatibilityReport:
        """Compare this client's API with the server's live spec (``/api/spec.json``)."""
        from .compat import check_compatibility

        return await check_compatibility(self)
