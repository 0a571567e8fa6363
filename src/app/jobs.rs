//! Background work, done one way: a [`Job`] runs a closure on a named thread, reports progress,
//! can be asked to stop, wakes the UI when it has news, and hands back its result once.
//! Opening, saving, import reading, export writing and the duplicate search all use it.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, mpsc};

/// What the work sees while it runs: report progress, check for cancellation.
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
    cancelled: AtomicBool,
    wake: Box<dyn Fn() + Send + Sync>,
}

impl Progress {
    /// `done` of `total` units (bytes, rows...); wakes the UI so it can show them.
    pub fn set(&self, done: u64, total: u64) {
        self.done.store(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        (self.wake)();
    }

    /// Whether the app no longer wants the result: long work may stop early.
    #[must_use]
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// The thread could not start, or ended without a result (it panicked).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stopped;

/// Work running on its own thread, with its result to come.
pub struct Job<T> {
    rx: mpsc::Receiver<T>,
    shared: Arc<Progress>,
}

impl<T> std::fmt::Debug for Job<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("progress", &self.progress())
            .finish_non_exhaustive()
    }
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a thread named `rapport-<name>`; `wake` is called on progress and when
    /// the result is ready (the app passes a repaint request). If the thread cannot start, the
    /// job ends at once with [`Stopped`].
    pub fn spawn(
        name: &str,
        wake: impl Fn() + Send + Sync + 'static,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> Self {
        let shared = Arc::new(Progress {
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
            cancelled: AtomicBool::new(false),
            wake: Box::new(wake),
        });
        let (tx, rx) = mpsc::channel();
        let progress = Arc::clone(&shared);
        // On failure the closure, and with it the sender, is dropped: `poll` then says Stopped.
        let _spawned = std::thread::Builder::new()
            .name(format!("rapport-{name}"))
            .spawn(move || {
                let result = work(&progress);
                let _ = tx.send(result);
                (progress.wake)();
            });
        Self { rx, shared }
    }

    /// The result, once the work is done; `None` while it runs.
    #[must_use]
    pub fn poll(&self) -> Option<Result<T, Stopped>> {
        match self.rx.try_recv() {
            Ok(r) => Some(Ok(r)),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(Stopped)),
        }
    }

    /// Blocks until the work is done (tests and shutdown).
    pub fn wait(&self) -> Result<T, Stopped> {
        self.rx.recv().map_err(|_| Stopped)
    }
}

impl<T> Job<T> {
    /// The last progress the work reported: (done, total); (0, 0) before any.
    #[must_use]
    pub fn progress(&self) -> (u64, u64) {
        (
            self.shared.done.load(Ordering::Relaxed),
            self.shared.total.load(Ordering::Relaxed),
        )
    }

    /// Asks the work to stop; its result, if any, should be ignored.
    pub fn cancel(&self) {
        self.shared.cancelled.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, mpsc};

    use super::{Job, Stopped};

    #[test]
    fn a_job_returns_its_result_and_wakes_the_ui() {
        let wakes = Arc::new(AtomicUsize::new(0));
        let w = Arc::clone(&wakes);
        let job = Job::spawn(
            "test",
            move || {
                w.fetch_add(1, Ordering::Relaxed);
            },
            |p| {
                p.set(1, 2);
                p.set(2, 2);
                40 + 2
            },
        );
        assert_eq!(job.wait(), Ok(42));
        assert_eq!(job.progress(), (2, 2));
        // Two progress reports (the final wake-up may come just after the result).
        assert!(wakes.load(Ordering::Relaxed) >= 2);
    }

    #[test]
    fn a_job_can_be_cancelled_and_a_panic_is_stopped() {
        let (go, wait_go) = mpsc::channel::<()>();
        let job = Job::spawn(
            "test",
            || {},
            move |p| {
                let _ = wait_go.recv();
                p.is_cancelled()
            },
        );
        assert_eq!(job.poll(), None, "still waiting for go");
        job.cancel();
        go.send(()).unwrap();
        assert_eq!(job.wait(), Ok(true));

        let job: Job<u8> = Job::spawn("test", || {}, |_| panic!("the work failed"));
        assert_eq!(job.wait(), Err(Stopped));
    }
}
