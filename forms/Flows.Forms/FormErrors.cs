namespace Flows.Forms;

/// <summary>What is wrong with a submission: per field (by post name) and for the form as a whole.</summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _form = [];

    /// <summary>The messages of each field, by post name (see <see cref="FormPath"/>); a copy.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields =>
        _fields.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);

    /// <summary>The messages not tied to one field.</summary>
    public IReadOnlyList<string> Form => _form;

    /// <summary>Whether there are no messages at all: the submission is valid.</summary>
    public bool IsEmpty => _fields.Count == 0 && _form.Count == 0;

    /// <summary>Adds a message to the field at <paramref name="path"/>, unless that field has it already.</summary>
    /// <param name="path">The field's post name.</param>
    /// <param name="message">What is wrong, in words.</param>
    public void AddField(string path, string message)
    {
        if (!_fields.TryGetValue(path, out var list))
        {
            _fields[path] = list = [];
        }

        if (!list.Contains(message))
        {
            list.Add(message);
        }
    }

    /// <summary>Makes <paramref name="message"/> the only message of the field at <paramref name="path"/>.</summary>
    /// <param name="path">The field's post name.</param>
    /// <param name="message">What is wrong, in words.</param>
    public void ReplaceField(string path, string message) => _fields[path] = [message];

    /// <summary>Adds a message for the form as a whole, unless it has it already.</summary>
    /// <param name="message">What is wrong, in words.</param>
    public void AddForm(string message)
    {
        if (!_form.Contains(message))
        {
            _form.Add(message);
        }
    }

    /// <summary>Every message: the fields' first, then the form's.</summary>
    public IEnumerable<string> All() => _fields.Values.SelectMany(m => m).Concat(_form);
}
