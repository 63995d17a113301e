/// The paths a history walk still has to resolve, as a tree of path components with a count of unresolved
/// paths below each node, so a walk descends only into folders that hold something it is still asking about.
final class PathTrie {
    final class Node {
        let name: String
        /// Children with something still unresolved below them: a resolved one is dropped, so a long walk that asks
        /// about a few paths in a big folder looks at those few, not at every name the folder ever had.
        var children: [String: Node] = [:]
        /// The path (by index) that ends here, while unresolved.
        var index: Int?
        /// Unresolved paths at or below this node.
        var count = 0

        init(name: String) {
            self.name = name
        }
    }

    let root = Node(name: "")
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
                    child = Node(name: part)
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
        let route = routes[index]
        guard let leaf = route.last, leaf.index == index else { return }
        leaf.index = nil
        root.count -= 1
        var parent = root
        var detached = false
        for node in route {
            node.count -= 1
            if node.count == 0, !detached {
                parent.children[node.name] = nil
                detached = true
            }
            parent = node
        }
    }
}
