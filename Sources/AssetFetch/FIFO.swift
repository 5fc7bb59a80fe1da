/// A first-in first-out queue with amortised O(1) append and removal at the front.
struct FIFO<Element> {
    private var storage: [Element?] = []
    private var head = 0

    var isEmpty: Bool { head == storage.count }
    var count: Int { storage.count - head }

    mutating func append(_ element: Element) {
        storage.append(element)
    }

    mutating func popFirst() -> Element? {
        guard head < storage.count else { return nil }
        let element = storage[head]
        storage[head] = nil
        head += 1
        if head > 64 && head * 2 > storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return element
    }

    /// Removes and returns the first element matching `predicate` (O(n)).
    mutating func remove(firstWhere predicate: (Element) -> Bool) -> Element? {
        guard let index = storage[head...].firstIndex(where: { $0.map(predicate) ?? false }) else { return nil }
        let element = storage.remove(at: index)
        return element
    }

    /// Removes every element, returning them in order.
    mutating func removeAll() -> [Element] {
        let elements = storage[head...].compactMap { $0 }
        storage = []
        head = 0
        return elements
    }
}
