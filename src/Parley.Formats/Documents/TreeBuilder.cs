namespace Parley.Formats.Documents;

/// <summary>
/// Builds a <see cref="LocatedNode"/> tree from a stream of start/end/scalar events without recursion,
/// so deeply nested input cannot overflow the stack.
/// </summary>
internal sealed class TreeBuilder
{
    private sealed class Frame(Mark start, bool isMapping)
    {
        public Mark Start { get; } = start;
        public bool IsMapping { get; } = isMapping;
        public List<LocatedNode> Items { get; } = [];
        public List<KeyValuePair<ScalarNode, LocatedNode>> Entries { get; } = [];
        public ScalarNode? PendingKey { get; set; }
        public bool PendingBadKey { get; set; }
    }

    private readonly Stack<Frame> _stack = new();
    private readonly Action<Mark, string> _error;

    public TreeBuilder(Action<Mark, string> error) => _error = error;

    public LocatedNode? Root { get; private set; }
    public bool HasRoot { get; private set; }

    public void StartMapping(Mark start) => _stack.Push(new Frame(start, isMapping: true));
    public void StartSequence(Mark start) => _stack.Push(new Frame(start, isMapping: false));

    public LocatedNode End()
    {
        var frame = _stack.Pop();
        LocatedNode node = frame.IsMapping
            ? new MappingNode(frame.Start, frame.Entries)
            : new SequenceNode(frame.Start, frame.Items);
        Add(node);
        return node;
    }

    /// <summary>Adds a complete node (a scalar, or an already built node such as a YAML alias target).</summary>
    public void Add(LocatedNode node)
    {
        if (_stack.Count == 0)
        {
            if (!HasRoot) { Root = node; HasRoot = true; }
            return;
        }
        var top = _stack.Peek();
        if (!top.IsMapping) { top.Items.Add(node); return; }
        if (top.PendingKey is null && !top.PendingBadKey)
        {
            if (node is ScalarNode key) top.PendingKey = key;
            else
            {
                _error(node.Start, $"a key must be a plain name, not {node.Describe()}");
                top.PendingBadKey = true;
            }
            return;
        }
        if (top.PendingKey is { } k) top.Entries.Add(new(k, node));
        top.PendingKey = null;
        top.PendingBadKey = false;
    }

    public int Depth => _stack.Count;
}
