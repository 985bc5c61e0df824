//! Task statuses compared. Whether a state is terminal decides when a
//! poller stops, so flipping it is breaking.

use super::change::{Changes, Place};
use super::section::{self, TASK_STATUSES};
use super::{Rule, matching, text};
use errors_catalogue::Catalogue;
use errors_catalogue::model::TaskStatus;

pub(crate) fn compare(out: &mut Changes, old: &Catalogue, new: &Catalogue) {
    let m = matching::by_id(
        (old.task_statuses(), new.task_statuses()),
        |c, t| c.task_status(&t.id.value),
        |t| Some((t.source.value.clone(), t.terminal, t.meaning.clone())),
    );
    TASK_STATUSES.report(out, &m, |e| &e.id, fields);
}

fn fields(out: &mut Changes, old: &TaskStatus, new: &TaskStatus) {
    let entry = TASK_STATUSES.entry(&new.id.value);
    let at = new.id.referenced;
    section::source_changed(
        out,
        &entry,
        (&old.source.value, &new.source.value),
        new.source.referenced,
    );
    if old.terminal != new.terminal {
        let message = if new.terminal {
            format!(
                "pollers now stop at `{}`; before, they kept polling through it",
                new.id.value
            )
        } else {
            format!(
                "pollers now keep polling at `{}`; before, they stopped there",
                new.id.value
            )
        };
        out.add(
            Rule::TaskStatusTerminalChanged,
            &entry,
            Place::new(at),
            message,
            (
                Some(old.terminal.to_string()),
                Some(new.terminal.to_string()),
            ),
        );
    }
    text::reworded(out, &entry, "meaning", (&old.meaning, &new.meaning), at);
    text::reworded(
        out,
        &entry,
        "next_step",
        (&old.next_step, &new.next_step),
        at,
    );
}
