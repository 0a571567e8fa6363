//! The few HTTP requests CardDAV needs, over a blocking client with timeouts (ureq, rustls).
//! HTTPS always; plain HTTP only to this machine (`127.0.0.1`, `::1`, `localhost`) or when the user
//! allowed it. Redirects are followed by hand, each checked the same way.

use std::time::Duration;

use base64::Engine as _;
use ureq::http::{self, Method, Request};

/// A connection to one server that fails fast: no request waits longer than this for the
/// connection, nor longer than [`REQUEST_TIMEOUT`] in all.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// The longest one request may take (a multiget of a thousand cards included).
pub const REQUEST_TIMEOUT: Duration = Duration::from_mins(2);
/// Answers larger than this are refused.
const MAX_ANSWER: u64 = 256 << 20;

/// An answer: the status, the `ETag` and `Location` headers, and the body as text.
#[derive(Clone, Debug)]
pub struct Answer {
    pub status: u16,
    pub etag: Option<String>,
    pub location: Option<String>,
    pub body: String,
}

/// The scheme and authority of a URL (`https://dav.example.com:8443`), and its path.
pub fn split_url(url: &str) -> Result<(String, String), String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| format!("\"{url}\" is not a URL (it should start with https://)"))?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(format!(
            "\"{url}\" is not an http or https URL (CardDAV servers are reached over HTTPS)"
        ));
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if authority.is_empty() || authority.contains(char::is_whitespace) {
        return Err(format!("\"{url}\" names no server"));
    }
    Ok((format!("{scheme}://{authority}"), path.to_owned()))
}

/// The host of a URL's authority, without user info, port or IPv6 brackets.
fn host(origin: &str) -> &str {
    let authority = origin.split_once("://").map_or(origin, |(_, a)| a);
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or_default();
    }
    authority.split(':').next().unwrap_or_default()
}

/// Whether a URL may be used: HTTPS, or plain HTTP to this machine, or plain HTTP when
/// `allow_http`.
pub fn check_url(url: &str, allow_http: bool) -> Result<(), String> {
    let (origin, _) = split_url(url)?;
    if origin.starts_with("http://") && !allow_http {
        let h = host(&origin).to_ascii_lowercase();
        let loopback = h == "localhost"
            || h.parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        if !loopback {
            return Err(format!(
                "\"{url}\" is plain HTTP: the password would cross the network unencrypted; use \
                 https:// (plain HTTP is allowed only to this machine, or with --allow-http)"
            ));
        }
    }
    Ok(())
}

/// `href` (an absolute URL, an absolute path, or a path relative to `base`'s folder) as a full
/// URL.
pub fn resolve(base: &str, href: &str) -> Result<String, String> {
    if href.starts_with("http://") || href.starts_with("https://") {
        return Ok(href.to_owned());
    }
    let (origin, path) = split_url(base)?;
    if href.starts_with('/') {
        return Ok(format!("{origin}{href}"));
    }
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    };
    Ok(format!("{origin}{dir}{href}"))
}

/// The path of a URL (for comparing an href with a URL).
#[must_use]
pub fn path_of(url: &str) -> String {
    split_url(url).map_or_else(|_| url.to_owned(), |(_, p)| p)
}

/// A logged-in client.
pub struct Client {
    agent: ureq::Agent,
    auth: String,
    allow_http: bool,
}

impl Client {
    /// A client with the usual timeouts; `RAPPORT_CARDDAV_TIMEOUT` (seconds) shortens both, for
    /// scripts on a flaky network and for the tests.
    #[must_use]
    pub fn new(user: &str, password: &str, allow_http: bool) -> Self {
        let limit = std::env::var("RAPPORT_CARDDAV_TIMEOUT")
            .ok()
            .and_then(|s| s.trim().parse::<u64>().ok())
            .filter(|&s| s > 0)
            .map(Duration::from_secs);
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            .max_redirects(0)
            .timeout_connect(Some(
                limit.map_or(CONNECT_TIMEOUT, |l| l.min(CONNECT_TIMEOUT)),
            ))
            .timeout_global(Some(
                limit.map_or(REQUEST_TIMEOUT, |l| l.min(REQUEST_TIMEOUT)),
            ))
            .user_agent(concat!("Rapport/", env!("CARGO_PKG_VERSION")))
            .build();
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        Self {
            agent: config.into(),
            auth: format!("Basic {token}"),
            allow_http,
        }
    }

    /// Sends one request. `Err` only when no answer came (the server could not be reached, a
    /// timeout, a broken connection); any status is an answer.
    pub fn send(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Result<Answer, String> {
        check_url(url, self.allow_http)?;
        let method = Method::from_bytes(method.as_bytes()).map_err(|e| e.to_string())?;
        let mut req = Request::builder()
            .method(method.clone())
            .uri(url)
            .header("Authorization", &self.auth);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let result = match body {
            Some(b) => req
                .body(b.as_bytes().to_vec())
                .map_err(|e| e.to_string())
                .and_then(|r| self.agent.run(r).map_err(|e| describe(url, &e))),
            None => req
                .body(())
                .map_err(|e| e.to_string())
                .and_then(|r| self.agent.run(r).map_err(|e| describe(url, &e))),
        };
        let mut resp = result?;
        let header = |name: http::header::HeaderName, resp: &http::Response<ureq::Body>| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let etag = header(http::header::ETAG, &resp);
        let location = header(http::header::LOCATION, &resp);
        let status = resp.status().as_u16();
        let body = resp
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_string()
            .map_err(|e| describe(url, &e))?;
        Ok(Answer {
            status,
            etag,
            location,
            body,
        })
    }
}

fn describe(url: &str, e: &ureq::Error) -> String {
    let what = match e {
        ureq::Error::Timeout(_) => "the server did not answer in time".to_owned(),
        ureq::Error::ConnectionFailed | ureq::Error::Io(_) => {
            format!("the server could not be reached ({e})")
        }
        ureq::Error::HostNotFound => "no server has that name".to_owned(),
        e => e.to_string(),
    };
    let (origin, _) = split_url(url).unwrap_or_default();
    format!("{origin}: {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_this_machine() {
        assert!(check_url("https://dav.example.com/", false).is_ok());
        assert!(check_url("http://127.0.0.1:5232/", false).is_ok());
        assert!(check_url("http://[::1]:5232/", false).is_ok());
        assert!(check_url("http://localhost/", false).is_ok());
        assert!(check_url("http://dav.example.com/", false).is_err());
        assert!(check_url("http://localhost.example.com/", false).is_err());
        assert!(check_url("http://127.0.0.1@evil.example/", false).is_err());
        assert!(check_url("http://dav.example.com/", true).is_ok());
        assert!(check_url("ftp://dav.example.com/", true).is_err());
        assert!(check_url("dav.example.com", true).is_err());
    }

    #[test]
    fn hrefs_resolve_against_the_base() {
        let base = "https://dav.example.com/ada/book/";
        assert_eq!(
            resolve(base, "/ada/book/1.vcf").expect("ok"),
            "https://dav.example.com/ada/book/1.vcf"
        );
        assert_eq!(
            resolve(base, "2.vcf").expect("ok"),
            "https://dav.example.com/ada/book/2.vcf"
        );
        assert_eq!(
            resolve(base, "https://other.example/x").expect("ok"),
            "https://other.example/x"
        );
        assert_eq!(path_of("https://dav.example.com:8443/a/b/"), "/a/b/");
    }
}
