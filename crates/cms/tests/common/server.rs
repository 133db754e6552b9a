//! A loopback HTTP server for fixtures: `answer(url)` on a free port of 127.0.0.1, each request
//! on its own thread (so a slow answer does not hold up the next one), requests counted.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// One HTTP answer.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply { status, headers: Vec::new(), body: body.into() }
    }

    /// A JSON body with its media type.
    pub fn json(status: u16, content_type: &str, value: &serde_json::Value) -> Reply {
        Reply::new(status, value.to_string()).header("Content-Type", content_type)
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Reply {
        self.headers.push((name.to_owned(), value.into()));
        self
    }
}

pub struct Loopback {
    /// `http://127.0.0.1:<port>`.
    pub addr: String,
    requests: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Loopback {
    /// Serves `answer(addr, url)` (`url`: the request target, path and query) until dropped.
    pub fn start(answer: impl Fn(&str, &str) -> Reply + Send + Sync + 'static) -> Loopback {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let addr = format!("http://{}", server.server_addr().to_ip().unwrap());
        let requests = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let answer = Arc::new(answer);
        let (count, halt, base) = (requests.clone(), stop.clone(), addr.clone());
        let thread = std::thread::spawn(move || {
            while !halt.load(Ordering::SeqCst) {
                let Ok(Some(req)) = server.recv_timeout(Duration::from_millis(50)) else { continue };
                count.fetch_add(1, Ordering::SeqCst);
                let (answer, base) = (answer.clone(), base.clone());
                std::thread::spawn(move || {
                    let reply = answer(&base, req.url());
                    let mut r = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
                    for (k, v) in reply.headers {
                        r = r.with_header(tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap());
                    }
                    let _ = req.respond(r);
                });
            }
        });
        Loopback { addr, requests, stop, thread: Some(thread) }
    }

    /// Requests answered so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for Loopback {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
