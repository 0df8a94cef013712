//! Dependency expressions (`Set/GetClusterResourceDependencyExpression`): a resource's
//! providers as an "and" of "or" groups (Microsoft's page: "The system only supports groups
//! of OR expressions that are combined by using AND"; MS-CMRP 3.1.4.2.109).
//!
//! The model keeps every provider in `Resource::depends_on` (so enumerations, cycles and
//! deletion see them all, as with `AddClusterResourceDependency`) and the "or" groups in
//! `Resource::any_of`; a provider in no group is required. Online brings up each required
//! provider and, for each group none of whose members is online, every member that can be
//! online on the node (at least one must); offline takes down a dependent only when the
//! expression stops holding.

use crate::model::world::{ClusterKey, NodeKey, ResourceKey, World};
use crate::types::error::{Error, Result};
use crate::types::state::ClusterResourceState as R;

/// An expression parsed into its "and" of "or" groups, each a list of the names (or ids)
/// between brackets.
type Parsed = Vec<Vec<String>>;

/// Parses `[a] and ([b] or [c])`: parts joined by `and`, each a bracketed resource or a
/// parenthesised `or` of them (keywords in any case, any spacing). Empty: no dependency.
fn parse(expression: &str) -> Result<Parsed> {
    let bad = |why: &str| Error::InvalidParameter(format!("dependency expression {expression:?}: {why}"));
    let mut rest = expression.trim_start();
    let mut parts = Vec::new();
    if rest.is_empty() {
        return Ok(parts);
    }
    loop {
        let part = if let Some(inner) = rest.strip_prefix('(') {
            rest = inner.trim_start();
            let mut names = vec![resource(&mut rest).ok_or_else(|| bad("expected [resource] after `(`"))?];
            loop {
                rest = rest.trim_start();
                if let Some(after) = rest.strip_prefix(')') {
                    rest = after;
                    break;
                }
                rest = keyword(rest, "or").ok_or_else(|| bad("expected `or` or `)`"))?;
                names.push(resource(&mut rest).ok_or_else(|| bad("expected [resource] after `or`"))?);
            }
            names
        } else {
            let first = resource(&mut rest).ok_or_else(|| bad("expected [resource] or `(`"))?;
            // MS-CMRP's grammar also takes a whole expression that is one `or` without
            // parentheses: `[a] or [b]`.
            if parts.is_empty() && keyword(rest.trim_start(), "or").is_some() {
                let mut names = vec![first];
                while let Some(after) = keyword(rest.trim_start(), "or") {
                    rest = after;
                    names.push(resource(&mut rest).ok_or_else(|| bad("expected [resource] after `or`"))?);
                }
                if !rest.trim().is_empty() {
                    return Err(bad("an `or` without parentheses must be the whole expression"));
                }
                return Ok(vec![names]);
            }
            vec![first]
        };
        parts.push(part);
        rest = rest.trim_start();
        if rest.is_empty() {
            return Ok(parts);
        }
        rest = keyword(rest, "and").ok_or_else(|| bad("expected `and`"))?;
    }
}

/// A `[name]` at the start of `rest` (after spaces): the name, and `rest` moved past it.
fn resource(rest: &mut &str) -> Option<String> {
    let inner = rest.trim_start().strip_prefix('[')?;
    let end = inner.find(']')?;
    let name = inner.get(..end)?.to_owned();
    *rest = inner.get(end.checked_add(1)?..)?;
    (!name.is_empty()).then_some(name)
}

/// `rest` past the keyword `word` (any case) and the spaces after it.
fn keyword<'a>(rest: &'a str, word: &str) -> Option<&'a str> {
    let head = rest.get(..word.len())?;
    let after = rest.get(word.len()..)?;
    (head.eq_ignore_ascii_case(word)
        && after.starts_with(|c: char| c.is_whitespace() || c == '[' || c == '('))
    .then(|| after.trim_start())
}

impl World {
    /// `SetClusterResourceDependencyExpression`: replaces the resource's dependencies with
    /// those of `expression` (an empty one removes them all).
    pub(crate) fn set_dependency_expression(
        &mut self,
        resource: ResourceKey,
        expression: &str,
    ) -> Result<()> {
        let r = self.resource(resource)?;
        let cluster = r.cluster;
        let mut depends_on: Vec<ResourceKey> = Vec::new();
        let mut any_of: Vec<Vec<ResourceKey>> = Vec::new();
        for part in parse(expression)? {
            let mut keys = Vec::new();
            for provider_name in part {
                let p = self.find_resource(cluster, &provider_name)?;
                self.check_can_depend(resource, p)?;
                if !keys.contains(&p) {
                    keys.push(p);
                }
                if !depends_on.contains(&p) {
                    depends_on.push(p);
                }
            }
            if keys.len() > 1 {
                any_of.push(keys);
            }
        }
        if let Some(mut r) = self.resources.get_mut(resource) {
            r.depends_on = depends_on;
            r.any_of = any_of;
        }
        Ok(())
    }

    /// `GetClusterResourceDependencyExpression`: `[a] and ([b] or [c])`, with the providers'
    /// names, the required ones first in the order they were added, then each "or" group.
    pub(crate) fn dependency_expression(&self, resource: ResourceKey) -> Result<String> {
        let r = self.resource(resource)?;
        let name =
            |k: &ResourceKey| self.resources.get(*k).map_or_else(String::new, |p| format!("[{}]", p.name));
        let grouped = |k: &ResourceKey| r.any_of.iter().any(|g| g.contains(k));
        let mut parts: Vec<String> = r.depends_on.iter().filter(|k| !grouped(k)).map(name).collect();
        for g in &r.any_of {
            parts.push(format!("({})", g.iter().map(name).collect::<Vec<_>>().join(" or ")));
        }
        Ok(parts.join(" and "))
    }

    /// Whether `resource` may depend on `provider`, with the codes Microsoft's
    /// `AddClusterResourceDependency` page and MS-CMRP 3.1.4.2.20 give: the same resource
    /// (MS-CMRP) or one of another group (the page): `ERROR_INVALID_PARAMETER`; the
    /// dependent is the quorum resource (the page): `ERROR_DEPENDENCY_NOT_ALLOWED`; a cycle
    /// (both): `ERROR_CIRCULAR_DEPENDENCY`.
    pub(crate) fn check_can_depend(&self, resource: ResourceKey, provider: ResourceKey) -> Result<()> {
        let (r, p) = (self.resource(resource)?, self.resource(provider)?);
        if resource == provider {
            return Err(Error::InvalidParameter(format!("\"{}\" cannot depend on itself", r.name)));
        }
        if r.group != p.group {
            return Err(Error::InvalidParameter(format!(
                "\"{}\" cannot depend on \"{}\": a resource depends only on others of its group",
                r.name, p.name
            )));
        }
        let quorum = self.clusters.get(r.cluster).and_then(|c| c.quorum.as_ref()).map(|q| q.resource);
        if quorum == Some(resource) {
            return Err(Error::DependencyNotAllowed(format!(
                "\"{}\" is the quorum resource: it depends on nothing",
                r.name
            )));
        }
        if self.providers(provider).contains(&resource) {
            return Err(Error::CircularDependency(format!(
                "\"{}\" already depends on \"{}\": the dependency would make a cycle",
                p.name, r.name
            )));
        }
        Ok(())
    }

    /// The resource named `name` (or whose id is `name`), any case, in `cluster`.
    fn find_resource(&self, cluster: ClusterKey, name: &str) -> Result<ResourceKey> {
        let c = self.clusters.get(cluster).ok_or_else(|| Error::ResourceNotFound("no cluster".into()))?;
        c.resource_names
            .get(name)
            .or_else(|| {
                c.resources
                    .iter()
                    .copied()
                    .find(|&k| self.resources.get(k).is_some_and(|r| r.id.eq_ignore_ascii_case(name)))
            })
            .ok_or_else(|| {
                Error::ResourceNotFound(format!("no resource \"{name}\" in the dependency expression"))
            })
    }

    /// Whether a resource of `resource`'s group has an "or" group: only then do online and
    /// offline need the expression (else they follow the plain dependencies, as always).
    pub(crate) fn group_has_alternatives(&self, resource: ResourceKey) -> bool {
        let Some(group) = self.resources.get(resource).map(|r| r.group) else { return false };
        self.groups.get(group).is_some_and(|g| {
            g.resources.iter().any(|&m| self.resources.get(m).is_some_and(|r| !r.any_of.is_empty()))
        })
    }

    /// What bringing `resource` online on `node` brings online with it, providers first:
    /// each required provider, and for each "or" group with no member online, every member
    /// that can be online there (none: the error of the last that could not).
    pub(crate) fn online_plan(&self, resource: ResourceKey, node: NodeKey) -> Result<Vec<ResourceKey>> {
        let mut plan = Vec::new();
        self.plan_into(resource, node, &mut plan)?;
        Ok(plan)
    }

    fn plan_into(&self, resource: ResourceKey, node: NodeKey, plan: &mut Vec<ResourceKey>) -> Result<()> {
        if plan.contains(&resource) {
            return Ok(());
        }
        let r = self.resource(resource)?;
        if !self.is_possible_owner(resource, node) {
            return Err(Error::HostNodeNotResourceOwner(format!(
                "node \"{}\" is not a possible owner of resource \"{}\"",
                self.node_name(node),
                r.name
            )));
        }
        let grouped = |k: &ResourceKey| r.any_of.iter().any(|g| g.contains(k));
        for &p in r.depends_on.iter().filter(|k| !grouped(k)) {
            self.plan_into(p, node, plan)?;
        }
        for group in &r.any_of {
            let up = |k: &ResourceKey| {
                self.resources.get(*k).is_some_and(|m| matches!(m.state, R::Online | R::OnlinePending))
            };
            if group.iter().any(up) {
                continue;
            }
            let mut last = None;
            let mut any = false;
            for &m in group {
                let mut trial = plan.clone();
                match self.plan_into(m, node, &mut trial) {
                    Ok(()) => {
                        *plan = trial;
                        any = true;
                    }
                    Err(e) => last = Some(e),
                }
            }
            if !any {
                return Err(last.unwrap_or_else(|| Error::InvalidState("an empty \"or\" group".into())));
            }
        }
        plan.push(resource);
        Ok(())
    }

    /// The dependents that taking `resource` offline takes offline with it: those whose
    /// expression stops holding (a required provider going, or an "or" group left with no
    /// member online), in the order found.
    pub(crate) fn offline_dependents(&self, resource: ResourceKey) -> Vec<ResourceKey> {
        let Some(group) = self.resources.get(resource).map(|r| r.group) else { return Vec::new() };
        let members = self.groups.get(group).map(|g| g.resources.clone()).unwrap_or_default();
        let mut going = vec![resource];
        loop {
            let down = |k: &ResourceKey| {
                going.contains(k)
                    || !self
                        .resources
                        .get(*k)
                        .is_some_and(|m| matches!(m.state, R::Online | R::OnlinePending))
            };
            let next = members.iter().copied().find(|m| {
                !going.contains(m)
                    && self.resources.get(*m).is_some_and(|r| {
                        let grouped = |k: &ResourceKey| r.any_of.iter().any(|g| g.contains(k));
                        let touched = r.depends_on.iter().any(|k| going.contains(k));
                        touched
                            && (r.depends_on.iter().any(|k| !grouped(k) && going.contains(k))
                                || r.any_of.iter().any(|g| g.iter().all(down)))
                    })
            });
            match next {
                Some(m) => going.push(m),
                None => break,
            }
        }
        going.split_off(1)
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn the_documented_forms_parse() {
        assert_eq!(parse("").unwrap(), Vec::<Vec<String>>::new());
        assert_eq!(parse("[a]").unwrap(), vec![vec!["a".to_owned()]]);
        assert_eq!(
            parse("[a] AND ([b] or [c d])").unwrap(),
            vec![vec!["a".to_owned()], vec!["b".to_owned(), "c d".to_owned()]]
        );
        assert_eq!(parse("([a] or [b]) and ([c] or [d])").unwrap().len(), 2);
        assert_eq!(parse("([a])").unwrap(), vec![vec!["a".to_owned()]]);
    }

    #[test]
    fn malformed_expressions_are_invalid_parameters() {
        assert_eq!(parse("[a] or [b]").unwrap(), vec![vec!["a".to_owned(), "b".to_owned()]]);
        for bad in
            ["a", "[a] [b]", "[a] and", "([a] or [b]", "[a] or [b] and [c]", "[]", "([a] and [b])", "[a"]
        {
            assert_eq!(parse(bad).unwrap_err().code(), 87, "{bad:?}");
        }
    }
}
