use super::*;

fn numbers(n: usize) -> Chunked<usize> {
    Chunked::from((0..n).collect::<Vec<_>>())
}

#[test]
fn from_a_vec_and_back_keeps_the_order() {
    for n in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17] {
        let c = numbers(n);
        assert_eq!(c.len(), n);
        assert_eq!(c.is_empty(), n == 0);
        assert!(c.iter().copied().eq(0..n));
        assert!(c.iter().rev().copied().eq((0..n).rev()));
        assert_eq!(c.iter().len(), n);
        assert_eq!(c.clone().into_vec(), (0..n).collect::<Vec<_>>());
        assert_eq!(c.first(), (n > 0).then_some(&0));
        assert_eq!(c.last(), n.checked_sub(1).as_ref());
        assert_eq!(
            c.chunks().map(<[Option<usize>]>::len).sum::<usize>(),
            n,
            "the chunk slices cover every slot"
        );
    }
}

#[test]
fn push_returns_slots_and_fills_chunks_in_turn() {
    let mut c = Chunked::new();
    for i in 0..2 * CHUNK + 5 {
        assert_eq!(c.push(i), i);
    }
    assert_eq!(c.chunks().count(), 3);
    assert_eq!(c[CHUNK + 1], CHUNK + 1);
    assert_eq!(c.get(2 * CHUNK + 5), None);
    assert_eq!(c.slot(2 * CHUNK + 4), Some(&(2 * CHUNK + 4)));
}

#[test]
fn set_and_take_leave_holes_that_positions_skip() {
    let n = 3 * CHUNK + 10;
    let mut c = numbers(n);
    let mut model: Vec<usize> = (0..n).collect();
    // Remove some from the first, second and last chunk.
    for slot in [5, 0, CHUNK + 7, 3 * CHUNK + 9, 6] {
        assert_eq!(c.take(slot), Some(slot));
        assert_eq!(c.take(slot), None, "a hole cannot be taken twice");
        model.retain(|&v| v != slot);
    }
    *c.slot_mut(CHUNK).unwrap() = 9999;
    let at = model.iter().position(|&v| v == CHUNK).unwrap();
    model[at] = 9999;
    assert_eq!(c.slot_mut(5), None);
    assert_eq!(c.len(), model.len());
    assert!(c.iter().eq(model.iter()));
    assert!(c.iter().rev().eq(model.iter().rev()));
    for (i, v) in model.iter().enumerate() {
        assert_eq!(c.get(i), Some(v), "position {i}");
        assert_eq!(&c[i], v);
    }
    assert_eq!(c.get(model.len()), None);
    for slot in [1, 4, 7, CHUNK, CHUNK + 8, 3 * CHUNK + 8] {
        let at = c.position(slot).unwrap();
        assert_eq!(c[at], *c.slot(slot).unwrap());
    }
    // Taken from both ends at once, meeting in the middle.
    let mut it = c.iter();
    let (mut front, mut back) = (Vec::new(), Vec::new());
    for k in 0.. {
        let next = if k % 3 == 0 {
            it.next_back()
        } else {
            it.next()
        };
        let Some(v) = next else { break };
        if k % 3 == 0 {
            back.push(*v);
        } else {
            front.push(*v);
        }
        assert_eq!(it.len(), model.len() - front.len() - back.len());
    }
    front.extend(back.iter().rev());
    assert_eq!(front, model);
    assert_eq!(c.iter().fold(0, |n, _| n + 1), model.len());
    assert_eq!(c.iter().rfold(0, |n, _| n + 1), model.len());
    assert_eq!(c.position(5), None);
    assert_eq!(c.position(n), None);
    for from in [0, 3, CHUNK - 3, CHUNK + 100, model.len() - 1, model.len()] {
        assert!(c.iter_from(from).eq(model[from..].iter()), "from {from}");
        assert_eq!(c.iter_from(from).len(), model.len() - from);
    }

    // Filling the holes back restores the original order.
    for slot in [5, 0, CHUNK + 7, 3 * CHUNK + 9, 6] {
        assert_eq!(c.replace(slot, slot), Ok(None));
    }
    assert_eq!(c.replace(CHUNK, CHUNK), Ok(Some(9999)));
    assert_eq!(c.replace(n, 1), Err(1), "no slot past the end");
    assert_eq!(c, numbers(n));
}

#[test]
fn a_whole_chunk_can_empty_and_positions_still_count() {
    let mut c = numbers(3 * CHUNK);
    for slot in CHUNK..2 * CHUNK {
        c.take(slot);
    }
    assert_eq!(c.len(), 2 * CHUNK);
    assert_eq!(c[CHUNK - 1], CHUNK - 1);
    assert_eq!(c[CHUNK], 2 * CHUNK);
    assert_eq!(c.position(2 * CHUNK), Some(CHUNK));
    assert!(c.iter_from(CHUNK).copied().eq(2 * CHUNK..3 * CHUNK));
}

#[test]
fn pushing_after_holes_in_the_last_chunk_keeps_positions() {
    let mut c = numbers(CHUNK + 10);
    let mut model: Vec<usize> = (0..CHUNK + 10).collect();
    for slot in [CHUNK + 2, CHUNK, CHUNK + 9, 3] {
        c.take(slot);
        model.retain(|&v| v != slot);
    }
    for v in 0..CHUNK {
        let slot = c.push(100_000 + v);
        model.push(100_000 + v);
        assert_eq!(c.position(slot), Some(model.len() - 1));
    }
    assert_eq!(c.len(), model.len());
    for (i, v) in model.iter().enumerate() {
        assert_eq!(c.get(i), Some(v), "position {i}");
    }
    assert!(c.iter().eq(model.iter()));
    let d = c.detached();
    assert_eq!(d, c);
    assert_eq!(d.position(CHUNK + 1), c.position(CHUNK + 1));
}

#[test]
fn a_write_on_a_clone_copies_only_the_touched_chunk() {
    let n = 5 * CHUNK + 3;
    let mut a = numbers(n);
    let before = a.clone();
    let b = a.clone();
    for c in 0..6 {
        assert!(a.shares_chunk(&b, c));
    }
    *a.slot_mut(2 * CHUNK + 1).unwrap() = 0;
    a.take(2 * CHUNK + 2);
    a.replace(2 * CHUNK + 3, 7).unwrap();
    for c in 0..6 {
        assert_eq!(a.shares_chunk(&b, c), c != 2, "chunk {c}");
    }
    // Pushing copies the last chunk only.
    a.push(42);
    for c in 0..6 {
        assert_eq!(a.shares_chunk(&b, c), c != 2 && c != 5, "chunk {c}");
    }
    // A scan that changes nothing copies nothing; one that changes copies its chunks.
    a.update_where(|_| false, |_, _| unreachable!());
    a.update_where(|&v| v == 4 * CHUNK, |_, v| *v += 1);
    for c in 0..6 {
        assert_eq!(a.shares_chunk(&b, c), ![2, 4, 5].contains(&c), "chunk {c}");
    }
    assert_eq!(b, before, "the clone is unchanged");
    assert_ne!(a, b);
    let d = b.detached();
    assert!((0..6).all(|c| !d.shares_chunk(&b, c)));
    assert_eq!(d, b);
}

#[test]
fn into_vec_of_a_shared_value_clones() {
    let a = numbers(CHUNK + 1);
    let b = a.clone();
    assert_eq!(a.into_vec(), b.iter().copied().collect::<Vec<_>>());
}

#[test]
fn the_sharded_map_is_a_map() {
    let mut m = Sharded::new();
    assert!(m.is_empty());
    for i in 0..10_000u64 {
        assert_eq!(m.insert(i, i * 2), None);
    }
    assert_eq!(m.insert(3, 7), Some(6));
    assert_eq!(m.len(), 10_000);
    assert_eq!(m.get(&3), Some(&7));
    assert!(m.contains_key(&9_999));
    assert!(!m.contains_key(&10_000));
    *m.get_mut(&4).unwrap() = 1;
    assert_eq!(m.get_mut(&10_000), None);
    assert_eq!(m.remove(&4), Some(1));
    assert_eq!(m.remove(&4), None);
    assert_eq!(m.len(), 9_999);
    assert_eq!(m.iter().count(), 9_999);
    assert_eq!(m.keys().count(), 9_999);
    assert_eq!(m.values().filter(|&&v| v == 7).count(), 1);
    m.retain(|&k, _| k % 2 == 0);
    assert_eq!(m.len(), 5_000 - 1);
    assert_eq!(m, m.iter().map(|(&k, &v)| (k, v)).collect());
    // Sequential keys spread over every shard.
    assert!(m.shards.iter().all(|s| !s.is_empty()));
}

#[test]
fn a_write_on_a_clone_of_the_map_copies_one_shard() {
    let mut a: Sharded<u64, u64> = Sharded::with_capacity(100_000);
    a.extend((0..100_000).map(|i| (i, i)));
    let b = a.clone();
    a.insert(100_000, 0);
    a.remove(&5);
    *a.get_mut(&5_000).unwrap() = 1;
    let changed = (0..SHARDS).filter(|&s| !a.shares_shard(&b, s)).count();
    assert!((1..=3).contains(&changed), "{changed} shards copied");
    assert_eq!(b.len(), 100_000);
    assert_eq!(b.get(&5), Some(&5));
    assert_eq!(b.get(&5_000), Some(&5_000));
    assert_eq!(b.get(&100_000), None);
    let d = a.detached();
    assert!((0..SHARDS).all(|s| !d.shares_shard(&a, s)));
    assert_eq!(d, a);
}
