//! Work on many files in parallel, its results handed on in the files'
//! order as soon as each and those before it are done: what every scan of a
//! corpus needs (`list`, `grep`, `grep` through the full-text index).

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

/// How many items a worker handles before handing their results on: enough
/// to make the hand-over cheap (up to 64: one message per file had cost a
/// futex call each, contended on 2 cores), few enough that every thread
/// gets work and slow items (PDFs) are handed on soon (about 16 chunks per
/// thread).
pub fn chunk_size(items: usize) -> usize {
    (items / (rayon::current_num_threads() * 16)).clamp(1, 64)
}

/// Applies `work` to every item of `items` (with its index) in parallel and
/// hands each result to `each` in the order of `items`. `each` returning
/// false stops the work: items not started are skipped.
pub fn for_each_ordered<I: Sync, T: Send>(
    items: &[I],
    work: &(dyn Fn(usize, &I) -> T + Sync),
    each: &mut dyn FnMut(T) -> bool,
) {
    let chunk = chunk_size(items.len());
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Vec<T>)>();
    std::thread::scope(|scope| {
        let stop = &stop;
        scope.spawn(move || {
            items
                .par_chunks(chunk)
                .enumerate()
                .for_each_with(tx, |tx, (c, part)| {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let first = c * chunk;
                    let results = part
                        .iter()
                        .enumerate()
                        .map(|(k, item)| work(first + k, item))
                        .collect();
                    let _ = tx.send((c, results));
                });
        });
        // In order: each chunk waits only for those before it.
        let mut ready = BTreeMap::new();
        let mut next = 0;
        for (c, results) in rx {
            ready.insert(c, results);
            while let Some(results) = ready.remove(&next) {
                next += 1;
                for result in results {
                    if !stop.load(Ordering::Relaxed) && !each(result) {
                        stop.store(true, Ordering::Relaxed);
                    }
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Every result arrives once, in order, whatever the count.
        #[test]
        fn results_arrive_in_order(n in 0usize..3000) {
            let items: Vec<usize> = (0..n).collect();
            let mut seen = Vec::new();
            for_each_ordered(&items, &|i, &x| { assert_eq!(i, x); x * 2 }, &mut |v| {
                seen.push(v);
                true
            });
            prop_assert_eq!(seen, (0..n).map(|x| x * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn false_stops_the_results() {
        let items: Vec<usize> = (0..10_000).collect();
        let mut seen = Vec::new();
        for_each_ordered(&items, &|_, &x| x, &mut |v| {
            seen.push(v);
            v < 99
        });
        assert_eq!(seen, (0..100).collect::<Vec<_>>());
    }
}
