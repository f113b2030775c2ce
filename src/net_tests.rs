use std::time::{Duration, Instant};

use super::*;

#[path = "../tests/common/http.rs"]
mod http;

use http::{Reply, Server};

fn client() -> Client {
    Client::new(NetConfig {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(5),
        max_body_bytes: 1000,
        max_redirects: 5,
        proxy_from_env: false,
    })
}

#[test]
fn plain_get_returns_body_headers_and_sends_user_agent() {
    let server =
        Server::start(|_| Reply::ok("application/rss+xml", "<rss/>").header("ETag", "\"v1\""));
    let r = client()
        .get(&server.url("/feed"), &Conditional::none())
        .unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(r.body, b"<rss/>");
    assert_eq!(r.content_type.as_deref(), Some("application/rss+xml"));
    assert_eq!(r.etag.as_deref(), Some("\"v1\""));
    assert_eq!(r.url, server.url("/feed"));
    let req = &server.requests()[0];
    assert!(req.header("User-Agent").unwrap().starts_with("tidings/"));
    assert!(req.header("If-None-Match").is_none());
}

#[test]
fn gzip_bodies_are_decoded() {
    let text = "<rss>".repeat(100);
    let body = text.clone();
    let server = Server::start(move |_| Reply::gzip("text/xml", body.as_bytes()));
    let r = client()
        .get(&server.url("/"), &Conditional::none())
        .unwrap();
    assert_eq!(r.body, text.as_bytes());
    let req = &server.requests()[0];
    assert!(
        req.header("Accept-Encoding")
            .unwrap_or_default()
            .contains("gzip")
    );
}

#[test]
fn conditional_get_gets_a_304_with_no_body() {
    let server = Server::start(|req| Reply::cached(req, "text/xml", b"<rss/>", "\"abc\""));
    let c = client();
    let first = c.get(&server.url("/f"), &Conditional::none()).unwrap();
    assert_eq!(first.status, 200);
    let cond = Conditional {
        etag: first.etag.clone(),
        last_modified: None,
    };
    let second = c.get(&server.url("/f"), &cond).unwrap();
    assert!(second.not_modified());
    assert!(second.body.is_empty());
    let by_date = Conditional {
        etag: None,
        last_modified: first.last_modified.clone(),
    };
    assert!(c.get(&server.url("/f"), &by_date).unwrap().not_modified());
    assert_eq!(
        server.requests()[1].header("If-None-Match"),
        Some("\"abc\"")
    );
}

#[test]
fn a_redirect_chain_is_followed_to_its_end() {
    let server = Server::start(|req| match req.path.as_str() {
        "/a" => Reply::redirect(301, "/b"),
        "/b" => Reply::redirect(302, "c"),
        "/c" => Reply::redirect(307, "/d?x=1"),
        "/d?x=1" => Reply::ok("text/xml", "end"),
        _ => Reply::status(404),
    });
    let r = client()
        .get(&server.url("/a"), &Conditional::none())
        .unwrap();
    assert_eq!(r.body, b"end");
    assert_eq!(r.url, server.url("/d?x=1"));
}

#[test]
fn a_redirect_loop_and_a_long_chain_fail() {
    let server = Server::start(|req| match req.path.as_str() {
        "/loop1" => Reply::redirect(302, "/loop2"),
        "/loop2" => Reply::redirect(302, "/loop1"),
        p => {
            let n: u32 = p.trim_start_matches("/n").parse().unwrap_or(0);
            Reply::redirect(302, &format!("/n{}", n + 1))
        }
    });
    let err = client()
        .get(&server.url("/loop1"), &Conditional::none())
        .unwrap_err();
    assert!(matches!(err, NetError::RedirectLoop { .. }), "{err}");
    let err = client()
        .get(&server.url("/n0"), &Conditional::none())
        .unwrap_err();
    assert_eq!(err, NetError::TooManyRedirects { max: 5 });
    assert_eq!(err.kind(), "too-many-redirects");
    // The start plus five redirects followed, then it stops.
    assert_eq!(server.requests().len(), 2 + 6);
}

#[test]
fn http_errors_carry_their_status() {
    let server = Server::start(|req| match req.path.as_str() {
        "/missing" => Reply::status(404),
        _ => Reply::status(500),
    });
    let err = client()
        .get(&server.url("/missing"), &Conditional::none())
        .unwrap_err();
    assert!(matches!(err, NetError::Status { status: 404, .. }), "{err}");
    assert_eq!(err.kind(), "http-4xx");
    assert!(err.to_string().contains("404"));
    let err = client()
        .get(&server.url("/boom"), &Conditional::none())
        .unwrap_err();
    assert!(matches!(err, NetError::Status { status: 500, .. }), "{err}");
    assert_eq!(err.kind(), "http-5xx");
}

#[test]
fn a_server_that_never_answers_times_out() {
    let server = Server::start(|_| Reply::hang());
    let c = Client::new(NetConfig {
        timeout: Duration::from_millis(400),
        ..client().config().clone()
    });
    let started = Instant::now();
    let err = c.get(&server.url("/"), &Conditional::none()).unwrap_err();
    assert!(matches!(err, NetError::Timeout { .. }), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_body_over_the_cap_is_an_error_not_a_truncation() {
    let server = Server::start(|req| match req.path.as_str() {
        "/big" => Reply::ok("text/xml", vec![b'x'; 1001]),
        "/exact" => Reply::ok("text/xml", vec![b'x'; 1000]),
        // Small on the wire, big once decoded.
        _ => Reply::gzip("text/xml", &vec![b'y'; 50_000]),
    });
    let c = client();
    let err = c
        .get(&server.url("/big"), &Conditional::none())
        .unwrap_err();
    assert_eq!(err, NetError::TooLarge { limit: 1000 });
    let err = c
        .get(&server.url("/bomb"), &Conditional::none())
        .unwrap_err();
    assert_eq!(err.kind(), "too-large");
    assert_eq!(
        c.get(&server.url("/exact"), &Conditional::none())
            .unwrap()
            .body
            .len(),
        1000
    );
}

#[test]
fn refused_connections_and_bad_urls_are_named() {
    // Bind then drop: nothing listens on that port any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let err = client()
        .get(&format!("http://127.0.0.1:{port}/"), &Conditional::none())
        .unwrap_err();
    assert_eq!(err.kind(), "refused", "{err}");
    for bad in [
        "ftp://example.org/",
        "file:///etc/passwd",
        "not a url",
        "http://",
    ] {
        let err = client().get(bad, &Conditional::none()).unwrap_err();
        assert_eq!(err.kind(), "bad-url", "{bad}: {err}");
    }
}

#[test]
fn failures_are_classified_by_kind() {
    let c = client();
    let url = Url::parse("http://feed.example/").unwrap();
    assert_eq!(c.classify(&url, ureq::Error::HostNotFound).kind(), "dns");
    let tls = c.classify(&url, ureq::Error::Tls("bad certificate"));
    assert_eq!(tls.kind(), "tls");
    assert!(tls.to_string().contains("feed.example"), "{tls}");
    let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
    assert_eq!(c.classify(&url, ureq::Error::Io(refused)).kind(), "refused");
    let wrapped = ureq::Error::Timeout(ureq::Timeout::Global).into_io();
    assert_eq!(c.classify_io(&url, wrapped).kind(), "timeout");
}

#[test]
fn a_redirect_from_https_to_http_is_refused() {
    let https = Url::parse("https://example.org/feed").unwrap();
    let http = Url::parse("http://example.org/feed").unwrap();
    let err = check_hop(&https, &http).unwrap_err();
    assert_eq!(err.kind(), "downgrade");
    assert!(check_hop(&http, &https).is_ok());
    assert!(check_hop(&https, &https).is_ok());
    let server = Server::start(|_| Reply::redirect(302, "ftp://example.org/x"));
    let err = client()
        .get(&server.url("/"), &Conditional::none())
        .unwrap_err();
    assert_eq!(err.kind(), "bad-url", "{err}");
}
