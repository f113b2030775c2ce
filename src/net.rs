//! The one HTTP client (ureq): timeouts, a cap on every body, redirects followed here (at most
//! five, never from https to http), gzip, conditional GET, a User-Agent naming tidings, the
//! proxy from the environment, and an error that says what kind of failure it was.
//!
//! Used by the feed fetcher and by the commands that fetch a web page.

use std::io::{self, Read};
use std::time::Duration;

use url::Url;

/// `tidings/<version>`, sent with every request.
pub const USER_AGENT: &str = concat!("tidings/", env!("CARGO_PKG_VERSION"));

/// How the client behaves. The defaults suit feeds and news pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetConfig {
    /// Time to set up a connection (DNS, TCP, TLS).
    pub connect_timeout: Duration,
    /// Time for the whole request, redirects and body included.
    pub timeout: Duration,
    /// The largest body accepted, after decompression. A bigger one is an error.
    pub max_body_bytes: u64,
    /// Redirects followed before giving up (5 at most is good manners).
    pub max_redirects: u32,
    /// Honour `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY`.
    pub proxy_from_env: bool,
}

impl Default for NetConfig {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_body_bytes: 16 * 1024 * 1024,
            max_redirects: 5,
            proxy_from_env: true,
        }
    }
}

/// Validators from an earlier fetch: sent back so that an unchanged resource costs a 304.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditional {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Conditional {
    /// No validators: an unconditional GET.
    pub fn none() -> Self {
        Self::default()
    }
}

/// A successful answer: 200 with its body, or 304 (not modified) with an empty body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The url after redirects.
    pub url: String,
    /// 200 or 304.
    pub status: u16,
    /// The `Content-Type` header as sent, if any.
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The decoded (gunzipped) body, at most `max_body_bytes` long.
    pub body: Vec<u8>,
}

impl Response {
    /// Whether the server said the resource did not change (304).
    pub fn not_modified(&self) -> bool {
        self.status == 304
    }
}

/// Why a request failed. The messages name the host or url where that helps.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NetError {
    #[error("bad url {url:?}: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("DNS lookup failed for {host}")]
    Dns { host: String },
    #[error("connection refused by {host}")]
    Refused { host: String },
    #[error("TLS error with {host}: {reason}")]
    Tls { host: String, reason: String },
    #[error("timed out ({what})")]
    Timeout { what: String },
    #[error("HTTP {status} from {url}")]
    Status { status: u16, url: String },
    #[error("response too large (over {limit} bytes)")]
    TooLarge { limit: u64 },
    #[error("too many redirects (more than {max})")]
    TooManyRedirects { max: u32 },
    #[error("redirect loop at {url}")]
    RedirectLoop { url: String },
    #[error("refused a redirect from https to http ({to})")]
    Downgrade { to: String },
    #[error("redirect {status} without a usable Location")]
    BadRedirect { status: u16 },
    #[error("connection error: {reason}")]
    Connection { reason: String },
    #[error("bad HTTP response: {reason}")]
    Protocol { reason: String },
}

impl NetError {
    /// A short stable name of the kind of failure, for state files and JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::BadUrl { .. } => "bad-url",
            Self::Dns { .. } => "dns",
            Self::Refused { .. } => "refused",
            Self::Tls { .. } => "tls",
            Self::Timeout { .. } => "timeout",
            Self::Status { status, .. } if *status < 500 => "http-4xx",
            Self::Status { .. } => "http-5xx",
            Self::TooLarge { .. } => "too-large",
            Self::TooManyRedirects { .. } | Self::RedirectLoop { .. } => "too-many-redirects",
            Self::Downgrade { .. } => "downgrade",
            Self::BadRedirect { .. } | Self::Protocol { .. } => "protocol",
            Self::Connection { .. } => "connection",
        }
    }
}

/// Check that `url` is an absolute http or https url with a host.
pub fn parse_url(url: &str) -> Result<Url, NetError> {
    let bad = |reason: &str| NetError::BadUrl {
        url: url.to_owned(),
        reason: reason.to_owned(),
    };
    let parsed = Url::parse(url.trim()).map_err(|e| bad(&e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(bad("only http and https are supported"));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(bad("no host"));
    }
    Ok(parsed)
}

/// The HTTP client. Cheap to clone; clones share a connection pool.
#[derive(Debug, Clone)]
pub struct Client {
    agent: ureq::Agent,
    config: NetConfig,
}

impl Default for Client {
    fn default() -> Self {
        Self::new(NetConfig::default())
    }
}

impl Client {
    pub fn new(config: NetConfig) -> Self {
        let proxy = if config.proxy_from_env {
            ureq::Proxy::try_from_env()
        } else {
            None
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // Redirects are followed in `get`, so that each hop is checked.
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.timeout))
            .user_agent(USER_AGENT)
            .proxy(proxy)
            .build()
            .into();
        Self { agent, config }
    }

    pub fn config(&self) -> &NetConfig {
        &self.config
    }

    /// GET `url`, following redirects, sending `cond`'s validators. A 4xx or 5xx answer is an
    /// error; so is a body over the cap (never a truncated success).
    pub fn get(&self, url: &str, cond: &Conditional) -> Result<Response, NetError> {
        let mut current = parse_url(url)?;
        let mut seen = vec![current.clone()];
        let started = std::time::Instant::now();
        loop {
            let remaining = self.config.timeout.saturating_sub(started.elapsed());
            if remaining.is_zero() {
                return Err(NetError::Timeout {
                    what: format!("whole request, {:?}", self.config.timeout),
                });
            }
            let mut request = self
                .agent
                .get(current.as_str())
                .config()
                .timeout_global(Some(remaining))
                .build()
                .header("Accept", ACCEPT);
            if let Some(etag) = &cond.etag {
                request = request.header("If-None-Match", etag.as_str());
            }
            if let Some(date) = &cond.last_modified {
                request = request.header("If-Modified-Since", date.as_str());
            }
            let response = request.call().map_err(|e| self.classify(&current, e))?;
            let status = response.status().as_u16();
            if (300..400).contains(&status) && status != 304 {
                let next = redirect_target(&current, &response, status)?;
                if seen.contains(&next) {
                    return Err(NetError::RedirectLoop {
                        url: next.to_string(),
                    });
                }
                if seen.len() > self.config.max_redirects as usize {
                    return Err(NetError::TooManyRedirects {
                        max: self.config.max_redirects,
                    });
                }
                seen.push(next.clone());
                current = next;
                continue;
            }
            if status >= 400 {
                return Err(NetError::Status {
                    status,
                    url: current.to_string(),
                });
            }
            return self.finish(&current, status, response);
        }
    }

    /// Read the headers and the capped body of a final answer.
    fn finish(
        &self,
        url: &Url,
        status: u16,
        response: ureq::http::Response<ureq::Body>,
    ) -> Result<Response, NetError> {
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let content_type = header("content-type");
        let etag = header("etag");
        let last_modified = header("last-modified");
        let limit = self.config.max_body_bytes;
        let body = if status == 304 {
            Vec::new()
        } else {
            // A declared length over the cap fails before anything is read. (With gzip the
            // header gives the compressed length, which is at most a first hint.)
            let declared = header("content-length").and_then(|v| v.parse::<u64>().ok());
            if declared.is_some_and(|n| n > limit) && header("content-encoding").is_none() {
                return Err(NetError::TooLarge { limit });
            }
            let reader = response
                .into_body()
                .into_with_config()
                .limit(u64::MAX)
                .reader();
            let mut body = Vec::new();
            reader
                .take(limit.saturating_add(1))
                .read_to_end(&mut body)
                .map_err(|e| self.classify_io(url, e))?;
            if body.len() as u64 > limit {
                return Err(NetError::TooLarge { limit });
            }
            body
        };
        Ok(Response {
            url: url.to_string(),
            status: if status == 304 { 304 } else { 200 },
            content_type,
            etag,
            last_modified,
            body,
        })
    }

    fn classify(&self, url: &Url, error: ureq::Error) -> NetError {
        let host = url.host_str().unwrap_or_default().to_owned();
        match error {
            ureq::Error::HostNotFound => NetError::Dns { host },
            ureq::Error::Timeout(which) => NetError::Timeout {
                what: format!("{which}, limit {:?}", self.timeout_for(which)),
            },
            ureq::Error::Io(e) => self.classify_io(url, e),
            ureq::Error::Tls(reason) => NetError::Tls {
                host,
                reason: reason.to_owned(),
            },
            ureq::Error::Rustls(e) => NetError::Tls {
                host,
                reason: e.to_string(),
            },
            ureq::Error::Pem(e) => NetError::Tls {
                host,
                reason: e.to_string(),
            },
            ureq::Error::BadUri(reason) => NetError::BadUrl {
                url: url.to_string(),
                reason,
            },
            ureq::Error::TooManyRedirects => NetError::TooManyRedirects {
                max: self.config.max_redirects,
            },
            ureq::Error::ConnectionFailed => NetError::Connection {
                reason: format!("could not connect to {host}"),
            },
            ureq::Error::Protocol(e) => NetError::Protocol {
                reason: e.to_string(),
            },
            other => NetError::Connection {
                reason: other.to_string(),
            },
        }
    }

    fn timeout_for(&self, which: ureq::Timeout) -> Duration {
        match which {
            ureq::Timeout::Connect | ureq::Timeout::Resolve => self.config.connect_timeout,
            _ => self.config.timeout,
        }
    }

    fn classify_io(&self, url: &Url, error: io::Error) -> NetError {
        let host = url.host_str().unwrap_or_default().to_owned();
        // ureq wraps its own errors (a timeout while reading the body) in an io::Error.
        if error
            .get_ref()
            .is_some_and(<dyn std::error::Error + Send + Sync>::is::<ureq::Error>)
        {
            let kind = error.kind();
            if let Some(Ok(inner)) = error
                .into_inner()
                .map(<dyn std::error::Error + Send + Sync>::downcast::<ureq::Error>)
            {
                return self.classify(url, *inner);
            }
            return NetError::Connection {
                reason: kind.to_string(),
            };
        }
        match error.kind() {
            io::ErrorKind::ConnectionRefused => NetError::Refused { host },
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => NetError::Timeout {
                what: format!("reading from {host}"),
            },
            io::ErrorKind::InvalidData => NetError::Protocol {
                reason: error.to_string(),
            },
            _ => NetError::Connection {
                reason: error.to_string(),
            },
        }
    }
}

/// What feeds and pages are asked for, in order of preference.
const ACCEPT: &str = "application/atom+xml, application/rss+xml, application/feed+json, \
                      application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, \
                      text/html;q=0.8, */*;q=0.5";

fn redirect_target(
    current: &Url,
    response: &ureq::http::Response<ureq::Body>,
    status: u16,
) -> Result<Url, NetError> {
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .ok_or(NetError::BadRedirect { status })?;
    let next = current
        .join(location.trim())
        .map_err(|_| NetError::BadRedirect { status })?;
    check_hop(current, &next)?;
    Ok(next)
}

/// A redirect may go to http or https, but never from https down to http.
fn check_hop(current: &Url, next: &Url) -> Result<(), NetError> {
    if !matches!(next.scheme(), "http" | "https") {
        return Err(NetError::BadUrl {
            url: next.to_string(),
            reason: "redirect to a scheme other than http or https".to_owned(),
        });
    }
    if current.scheme() == "https" && next.scheme() == "http" {
        return Err(NetError::Downgrade {
            to: next.to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
#[path = "net_tests.rs"]
mod tests;
