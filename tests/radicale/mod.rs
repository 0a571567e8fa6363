//! A real CardDAV server for the tests: Radicale (installed by `.ci/radicale-setup` into a
//! virtual environment under target/), started on 127.0.0.1 on a free port with a temporary
//! storage folder and the test user `test` (password `secret`, htpasswd plain), and stopped when
//! dropped. When Radicale cannot be installed the tests fail, saying why.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use base64::Engine as _;

pub const USER: &str = "test";
pub const PASSWORD: &str = "secret";

/// The `radicale` program: `RAPPORT_RADICALE` when set, else installed by the project script.
pub fn radicale() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Ok(p) = std::env::var("RAPPORT_RADICALE") {
            return PathBuf::from(p);
        }
        let root = env!("CARGO_MANIFEST_DIR");
        let out = Command::new("bash")
            .arg(format!("{root}/.ci/radicale-setup"))
            .stderr(Stdio::inherit())
            .output()
            .expect("bash runs .ci/radicale-setup");
        assert!(
            out.status.success(),
            "Radicale could not be installed by .ci/radicale-setup (it needs python3 with venv \
             and PyPI); the CardDAV tests cannot run without it"
        );
        let path = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
        assert!(path.exists(), "{} is missing", path.display());
        path
    })
}

pub struct Radicale {
    pub dir: tempfile::TempDir,
    pub port: u16,
    child: Option<Child>,
}

impl Radicale {
    /// Starts Radicale with an empty address book at `/test/contacts/`.
    pub fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("collections/collection-root/test/contacts");
        std::fs::create_dir_all(&book).unwrap();
        std::fs::write(
            book.join(".Radicale.props"),
            r#"{"tag": "VADDRESSBOOK", "D:displayname": "Contacts"}"#,
        )
        .unwrap();
        std::fs::write(dir.path().join("users"), format!("{USER}:{PASSWORD}\n")).unwrap();
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut r = Self {
            dir,
            port,
            child: None,
        };
        r.run();
        r
    }

    fn run(&mut self) {
        let d = self.dir.path();
        let config = d.join("config");
        std::fs::write(
            &config,
            format!(
                "[server]\nhosts = 127.0.0.1:{}\n[auth]\ntype = htpasswd\nhtpasswd_filename = \
                 {}\nhtpasswd_encryption = plain\ndelay = 0\n[storage]\nfilesystem_folder = \
                 {}\n[rights]\ntype = owner_only\n[logging]\nlevel = warning\n",
                self.port,
                d.join("users").display(),
                d.join("collections").display()
            ),
        )
        .unwrap();
        let child = Command::new(radicale())
            .arg("--config")
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("radicale starts");
        self.child = Some(child);
        // Wait (bounded) until it accepts connections.
        for _ in 0..600 {
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("Radicale did not start on port {}", self.port);
    }

    /// Kills the server at once (as a crash or a dropped network would).
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Starts it again on the same port and storage.
    pub fn restart(&mut self) {
        self.kill();
        self.run();
    }

    /// The server's root, as a user would type it.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    pub fn book_url(&self) -> String {
        format!("http://127.0.0.1:{}/test/contacts/", self.port)
    }

    /// The cards stored on the server: file name -> text.
    pub fn cards(&self) -> Vec<(String, String)> {
        let book = self
            .dir
            .path()
            .join("collections/collection-root/test/contacts");
        let mut out: Vec<(String, String)> = std::fs::read_dir(book)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "vcf"))
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    }

    fn request(
        &self,
        method: &str,
        name: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> (u16, Option<String>) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let auth = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"));
        let mut req = ureq::http::Request::builder()
            .method(method)
            .uri(format!("{}{name}", self.book_url()))
            .header("Authorization", format!("Basic {auth}"));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let resp = agent
            .run(
                req.body(body.unwrap_or_default().as_bytes().to_vec())
                    .unwrap(),
            )
            .unwrap();
        let etag = resp
            .headers()
            .get("etag")
            .map(|v| v.to_str().unwrap().to_owned());
        (resp.status().as_u16(), etag)
    }

    /// Writes a card as a phone would (no condition).
    pub fn put(&self, name: &str, card: &str) {
        let (status, _) = self.request(
            "PUT",
            name,
            &[("Content-Type", "text/vcard; charset=utf-8")],
            Some(card),
        );
        assert!((200..300).contains(&status), "PUT {name}: {status}");
    }

    pub fn delete(&self, name: &str) {
        let (status, _) = self.request("DELETE", name, &[], None);
        assert!((200..300).contains(&status), "DELETE {name}: {status}");
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A vCard 3.0 as a phone writes it.
pub fn vcard(uid: &str, name: &str, extra: &str) -> String {
    let (given, family) = name.split_once(' ').unwrap_or((name, ""));
    format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\nN:{family};{given};;;\r\n{extra}END:VCARD\r\n"
    )
}
