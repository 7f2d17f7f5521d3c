//! Every entropy figure in docs/passwords.md matches `recipe_entropy_bits`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use op_core::generator::*;

const DOC: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../docs/passwords.md"
));

/// Table rows (cells, trimmed, backticks removed) under the `### <heading>` section, without the
/// header and rule rows.
fn table(heading: &str) -> Vec<Vec<String>> {
    let start = DOC
        .find(&format!("### {heading}\n"))
        .expect("section missing");
    DOC[start..]
        .lines()
        .skip(1)
        .take_while(|line| !line.starts_with('#'))
        .filter(|line| line.starts_with('|'))
        .skip(2)
        .map(|line| {
            line.trim_matches('|')
                .split('|')
                .map(|c| c.trim().replace('`', ""))
                .collect()
        })
        .collect()
}

fn assert_documented(recipe: PasswordRecipe, documented: &str) {
    let bits = recipe_entropy_bits(&recipe).unwrap();
    assert_eq!(format!("{bits:.2}"), documented, "{recipe:?}");
}

#[test]
fn random_table_matches() {
    let rows = table("Random");
    assert_eq!(rows.len(), 3);
    for row in rows {
        let length: u32 = row[0].parse().unwrap();
        let flags = [(false, false), (true, false), (false, true), (true, true)];
        for ((include_digits, include_symbols), cell) in flags.into_iter().zip(&row[1..]) {
            let recipe = PasswordRecipe::Random(PasswordRecipeRandomInner {
                include_digits,
                include_symbols,
                length,
            });
            assert_documented(recipe, cell);
        }
    }
}

#[test]
fn pin_table_matches() {
    let rows = table("PIN");
    assert_eq!(rows.len(), 3);
    for row in rows {
        let length: u32 = row[0].parse().unwrap();
        assert_documented(
            PasswordRecipe::Pin(PasswordRecipePinInner { length }),
            &row[1],
        );
    }
}

#[test]
fn memorable_table_matches() {
    let rows = table("Memorable");
    assert_eq!(rows.len(), 9);
    for row in rows {
        let word_list_type: WordListType = serde_json::from_value(row[0].clone().into()).unwrap();
        let separators: Vec<SeparatorType> = if row[1] == "fixed" {
            vec![
                SeparatorType::Spaces,
                SeparatorType::Hyphens,
                SeparatorType::Underscores,
                SeparatorType::Periods,
                SeparatorType::Commas,
            ]
        } else {
            vec![serde_json::from_value(row[1].clone().into()).unwrap()]
        };
        let columns = [
            (3, false),
            (3, true),
            (4, false),
            (4, true),
            (15, false),
            (15, true),
        ];
        for separator_type in separators {
            for ((word_count, capitalize), cell) in columns.into_iter().zip(&row[2..]) {
                let recipe = PasswordRecipe::Memorable(PasswordRecipeMemorableInner {
                    separator_type,
                    capitalize,
                    word_list_type,
                    word_count,
                });
                assert_documented(recipe, cell);
            }
        }
    }
}
