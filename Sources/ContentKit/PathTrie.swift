/// The paths a history walk still has to resolve, as a tree of path components with a count of unresolved
/// paths below each node, so a walk descends only into folders that hold something it is still asking about.
final class PathTrie {
    final class Node {
        var children: [String: Node] = [:]
        /// The path (by index) that ends here, while unresolved.
        var index: Int?
        /// Unresolved paths at or below this node.
        var count = 0
    }

    let root = Node()
    /// For each path, the nodes from the root's child down to its leaf.
    private var routes: [[Node]] = []

    init(_ components: [[String]]) {
        for (index, parts) in components.enumerated() {
            var node = root
            var route: [Node] = []
            root.count += 1
            for part in parts {
                let child: Node
                if let existing = node.children[part] {
                    child = existing
                } else {
                    child = Node()
                    node.children[part] = child
                }
                child.count += 1
                route.append(child)
                node = child
            }
            node.index = index
            routes.append(route)
        }
    }

    var isEmpty: Bool { root.count == 0 }

    /// Marks a path resolved, so no later walk descends for it.
    func remove(_ index: Int) {
        guard let leaf = routes[index].last, leaf.index == index else { return }
        leaf.index = nil
        root.count -= 1
        for node in routes[index] { node.count -= 1 }
    }

    /// Every unresolved path at or below `node`.
    func indices(below node: Node, into result: inout [Int]) {
        if let index = node.index { result.append(index) }
        for child in node.children.values where child.count > 0 {
            indices(below: child, into: &result)
        }
    }
}
