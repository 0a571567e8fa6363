//! Rapport's own contacts CSV (`rapport export --format contacts-csv`), read back: its columns
//! by name, lists of `value (label)` separated by `; `, the name parts and the numbered address
//! columns (`address_1_street` ...). The `id` makes the row the contact with that id, as a
//! vCard's `UID:urn:rapport:ID` does.

use std::collections::BTreeMap;

use super::Format;
use super::csv_safe::restore;
use super::csv_table::Table;
use super::dates;
use super::detect::{MAX_PREAMBLE_LINES, csv_dialect};
use super::draft::Draft;
use super::source::{ImportError, Incoming, Parsed, Skip};
use crate::model::Address;

/// Parses Rapport's contacts CSV.
pub(crate) fn parse(text: &str) -> Result<Parsed, ImportError> {
    let table = Table::open(
        text,
        Format::ContactsCsv,
        |fields| csv_dialect(fields) == Some(Format::ContactsCsv),
        || {
            format!(
                "no header row with Rapport's contacts CSV columns was found in the first {MAX_PREAMBLE_LINES} lines"
            )
        },
    )?;
    let headers: Vec<String> = table
        .headers
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let mut parsed = Parsed::default();
    for row in table {
        match row {
            Err(skip) => parsed.skipped.push(skip),
            Ok((line, record)) => {
                let (draft, id) = row_to_draft(&headers, &record);
                match draft.finish() {
                    Ok(mut contact) => {
                        let uid = id.map(|id| {
                            contact.id = id;
                            format!("urn:rapport:{id}")
                        });
                        parsed.contacts.push(Incoming { line, contact, uid });
                    }
                    Err(why) => parsed.skipped.push(Skip::new(line, why)),
                }
            }
        }
    }
    Ok(parsed)
}

/// `a@example.com (work); b@example.com`: each value with its label, if any.
fn labeled(cell: &str) -> Vec<(&str, &str)> {
    cell.split("; ")
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(
            |v| match v.strip_suffix(')').and_then(|v| v.rsplit_once(" (")) {
                Some((value, label)) => (value.trim(), label.trim()),
                None => (v, ""),
            },
        )
        .collect()
}

fn row_to_draft(
    headers: &[String],
    record: &csv::StringRecord,
) -> (Draft, Option<crate::model::ContactId>) {
    let mut d = Draft::default();
    let mut id = None;
    let mut addresses: BTreeMap<u32, Address> = BTreeMap::new();
    for (header, cell) in headers.iter().zip(record.iter()) {
        let value = restore(cell.trim());
        if value.is_empty() {
            continue;
        }
        match header.as_str() {
            "id" => id = value.parse().ok(),
            "name" => value.clone_into(&mut d.full),
            "given_name" => value.clone_into(&mut d.given),
            "middle_name" => value.clone_into(&mut d.middle),
            "family_name" => value.clone_into(&mut d.family),
            "name_prefix" => value.clone_into(&mut d.prefix),
            "name_suffix" => value.clone_into(&mut d.suffix),
            "organization" => value.clone_into(&mut d.org),
            "role" => value.clone_into(&mut d.role),
            "emails" => labeled(value)
                .into_iter()
                .for_each(|(v, l)| d.add_email(v, l)),
            "phones" => labeled(value)
                .into_iter()
                .for_each(|(v, l)| d.add_phone(v, l)),
            "links" => labeled(value)
                .into_iter()
                .for_each(|(v, l)| d.add_link(v, l)),
            "tags" => value.split("; ").for_each(|t| d.add_tag(t.trim())),
            "how_met" => value.clone_into(&mut d.how_met),
            "met_on" => match dates::parse_date(value) {
                Some(date) => d.met_on = Some(date),
                None => d.keep(header, value),
            },
            "birthday" => d.set_birthday_text(value),
            "cadence_days" => match value.parse() {
                Ok(days) => d.cadence_days = Some(days),
                Err(_) => d.keep(header, value),
            },
            "archived" => d.archived = value.eq_ignore_ascii_case("true"),
            "notes" => value.clone_into(&mut d.notes),
            // The primary email is the first of `emails`; the times are the file's own.
            "email" | "created" | "updated" => {}
            _ => match address_part(header) {
                Some((n, part)) => {
                    let a = addresses.entry(n).or_default();
                    let field = match part {
                        "label" => &mut a.label,
                        "po_box" => &mut a.po_box,
                        "extended" => &mut a.extended,
                        "street" => &mut a.street,
                        "locality" => &mut a.locality,
                        "region" => &mut a.region,
                        "postal_code" => &mut a.postal_code,
                        _ => &mut a.country,
                    };
                    value.clone_into(field);
                }
                None => d.keep(header, value),
            },
        }
    }
    for a in addresses.into_values() {
        d.add_address(a);
    }
    (d, id)
}

/// `address_2_postal_code` is part `postal_code` of address 2.
fn address_part(header: &str) -> Option<(u32, &str)> {
    let rest = header.strip_prefix("address_")?;
    let (n, part) = rest.split_once('_')?;
    let known = super::export::ADDRESS_PARTS.contains(&part);
    Some((n.parse().ok()?, part)).filter(|_| known)
}

#[cfg(test)]
mod tests {
    use super::{address_part, labeled};

    #[test]
    fn labeled_lists_and_address_columns() {
        assert_eq!(
            labeled("a@example.com (work); b@example.com; c (d) (home)"),
            [
                ("a@example.com", "work"),
                ("b@example.com", ""),
                ("c (d)", "home")
            ]
        );
        assert_eq!(
            address_part("address_2_postal_code"),
            Some((2, "postal_code"))
        );
        assert_eq!(address_part("address_x_street"), None);
        assert_eq!(address_part("address_1_planet"), None);
    }
}
