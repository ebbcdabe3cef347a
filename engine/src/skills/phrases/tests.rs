//! Tests of the soft-skill phrases and traits through the builtin gazetteer.

use crate::skills::Gazetteer;

/// Soft-skill ids the builtin gazetteer finds in `text`, sorted and deduplicated.
fn soft(text: &str) -> Vec<String> {
    let mut ids: Vec<String> = Gazetteer::builtin()
        .find(text)
        .into_iter()
        .filter(|m| m.category == "soft")
        .map(|m| m.skill_id)
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn communicate_verb_is_communication() {
    assert_eq!(
        soft("- Communicates clearly and calmly"),
        vec!["communication"]
    );
    assert_eq!(
        soft("- Able to communicate risks early and openly"),
        vec!["communication"]
    );
    assert_eq!(
        soft("- Communicates with vendors daily"),
        vec!["communication"]
    );
    assert!(soft("The PLC communicates with the drives over Modbus").is_empty());
}

#[test]
fn explaining_to_laypeople_is_communication() {
    let text = "- Able to explain complex ideas to non-technical people";
    assert_eq!(soft(text), vec!["communication"]);
    let text = "- Translates technical findings into plain language";
    assert_eq!(soft(text), vec!["communication"]);
    assert!(soft("- Translate business questions into SQL queries").is_empty());
}

#[test]
fn clear_writing_is_communication() {
    assert_eq!(
        soft("- You write clear, friendly emails"),
        vec!["communication"]
    );
    assert_eq!(soft("- A strong writer"), vec!["communication"]);
    assert_eq!(soft("- Confident public speaker"), vec!["public-speaking"]);
    assert!(soft("- Write unit tests for new code").is_empty());
    assert!(soft("- Writes well-tested Rust").is_empty());
}

#[test]
fn working_well_with_others_is_teamwork() {
    assert_eq!(soft("- Works well in a team"), vec!["teamwork"]);
    assert_eq!(
        soft("- Works effectively with colleagues"),
        vec!["teamwork"]
    );
    assert_eq!(
        soft("- Able to work in a team environment"),
        vec!["teamwork"]
    );
    assert_eq!(soft("- You collaborate with designers"), vec!["teamwork"]);
    assert_eq!(
        soft("- Works across engineering, sales and support"),
        vec!["teamwork"]
    );
    assert!(soft("- Our team ships every week").is_empty());
    assert!(soft("- Works across multiple sites").is_empty());
}

#[test]
fn building_trust_or_rapport_is_interpersonal() {
    let text = "- Builds trust with physicians and staff";
    assert_eq!(soft(text), vec!["interpersonal-skills"]);
    assert_eq!(
        soft("- Establishes rapport quickly"),
        vec!["interpersonal-skills"]
    );
    assert_eq!(
        soft("- Fosters trusting relationships"),
        vec!["interpersonal-skills"]
    );
    assert!(soft("- Builds dashboards in Tableau").is_empty());
}

#[test]
fn meeting_deadlines_is_time_management() {
    let text = "- Able to meet tight monthly deadlines";
    assert_eq!(soft(text), vec!["time-management"]);
    assert_eq!(soft("- Works to strict deadlines"), vec!["time-management"]);
    assert!(soft("- Tax filing deadlines are in April").is_empty());
    assert_eq!(
        soft("- The ability to manage deadlines for many clients at once"),
        vec!["time-management"]
    );
}

#[test]
fn resolving_conflict_is_conflict_resolution() {
    let text = "- Resolves workplace conflicts fairly";
    assert_eq!(soft(text), vec!["conflict-resolution"]);
    assert_eq!(
        soft("- De-escalates upset callers"),
        vec!["conflict-resolution"]
    );
    assert!(soft("- Resolves merge conflicts in Git").is_empty());
    assert!(soft("- Conflict of interest policy").is_empty());
}

#[test]
fn adjective_leader_is_leadership() {
    assert_eq!(soft("- A natural leader"), vec!["leadership"]);
    assert_eq!(soft("- Leads by example on the floor"), vec!["leadership"]);
    assert!(soft("We are the market leader in payroll software.").is_empty());
    assert!(soft("Acme is a trusted leader in payments.").is_empty());
}

#[test]
fn coach_role_or_verb_is_coaching() {
    assert_eq!(
        soft("- A natural coach who develops people"),
        vec!["coaching"]
    );
    assert_eq!(soft("- Coaches new agents on tone"), vec!["coaching"]);
    assert!(soft("Travel by coach to the site").is_empty());
}

#[test]
fn pressure_and_calm_phrases_are_resilience() {
    assert_eq!(soft("- Performs well under pressure"), vec!["resilience"]);
    assert_eq!(
        soft("- Stays calm with upset customers"),
        vec!["resilience"]
    );
    assert_eq!(soft("- Calm in emergencies"), vec!["resilience"]);
    assert!(soft("- Pressure testing of gas lines").is_empty());
}

#[test]
fn ambiguity_and_change_phrases_are_recognised() {
    assert_eq!(soft("- Thrives in ambiguity"), vec!["ambiguity-tolerance"]);
    assert_eq!(
        soft("- Comfortable with uncertainty"),
        vec!["ambiguity-tolerance"]
    );
    assert_eq!(soft("- Adapts quickly to new tools"), vec!["adaptability"]);
    assert_eq!(soft("- Embraces change"), vec!["adaptability"]);
}

#[test]
fn workload_phrases_are_time_management() {
    let text = "- Juggles competing priorities";
    assert_eq!(soft(text), vec!["time-management"]);
    assert_eq!(soft("- Manages your own time"), vec!["time-management"]);
    assert_eq!(
        soft("- Handles multiple tasks at once"),
        vec!["multitasking"]
    );
    assert!(soft("- Manage time and attendance records").is_empty());
    assert!(soft("- Prioritize patient safety").is_empty());
}

#[test]
fn other_behaviour_phrases_are_recognised() {
    assert_eq!(soft("- Solves complex problems"), vec!["problem-solving"]);
    assert_eq!(soft("- Thinks critically"), vec!["critical-thinking"]);
    assert_eq!(soft("- Makes sound decisions"), vec!["decision-making"]);
    assert_eq!(soft("- A good listener"), vec!["active-listening"]);
    assert_eq!(
        soft("- Picks up new tools quickly"),
        vec!["learning-agility"]
    );
    assert_eq!(
        soft("- Works with minimal supervision"),
        vec!["independence"]
    );
    assert_eq!(
        soft("- Works well independently and on a team"),
        vec!["independence"]
    );
    assert_eq!(
        soft("- Works comfortably on their own"),
        vec!["independence"]
    );
    assert!(soft("- Listen to customer calls for QA").is_empty());
}

#[test]
fn trait_describing_person_counts() {
    assert_eq!(
        soft("- Patient, and communicates well"),
        vec!["communication", "patience"]
    );
    assert_eq!(
        soft("- Reliable, works well on a crew"),
        vec!["reliability", "teamwork"]
    );
    assert_eq!(soft("You must be patient with students."), vec!["patience"]);
    assert_eq!(soft("- Calm, patient and kind"), vec!["patience"]);
    assert_eq!(soft("- Highly organized."), vec!["organizational-skills"]);
    assert_eq!(
        soft("- Honest and dependable"),
        vec!["integrity", "reliability"]
    );
    assert_eq!(
        soft("- Reliable, safety-minded, and willing to learn"),
        vec!["reliability", "safety-mindset"]
    );
    assert_eq!(
        soft("- Dependable: you answer every page"),
        vec!["reliability"]
    );
    assert_eq!(
        soft("Lift 50 lbs. You should be dependable, stay calm on a busy night."),
        vec!["reliability", "resilience"]
    );
    assert!(soft("- Reliable, high-speed internet at home").is_empty());
    let traits = soft("- Self-starter who is coachable and dependable.");
    assert!(traits.contains(&"reliability".to_string()), "{traits:?}");
}

#[test]
fn results_for_lay_audiences_are_communication() {
    assert_eq!(
        soft("- Comfortable communicating model results to non-technical audiences"),
        vec!["communication"]
    );
    assert_eq!(
        soft("- Present findings to a lay audience each quarter"),
        vec!["communication"]
    );
}

#[test]
fn traits_after_someone_count() {
    assert_eq!(
        soft("We want someone dependable and accurate."),
        vec!["attention-to-detail", "reliability"]
    );
    let traits = soft("- Someone warm, dependable and able to multitask");
    assert!(traits.contains(&"friendliness".to_string()), "{traits:?}");
    assert!(traits.contains(&"reliability".to_string()), "{traits:?}");
    assert!(soft("- Follow up on warm leads within a day").is_empty());
    assert!(soft("- Accurate cycle counts across three sites").is_empty());
}

#[test]
fn judgment_time_and_switching_phrases_count() {
    assert_eq!(
        soft("- Excellent judgment with payroll data"),
        vec!["sound-judgment"]
    );
    assert_eq!(
        soft("- The judgment to know when something does not tie"),
        vec!["sound-judgment"]
    );
    assert_eq!(soft("- Shows up on time"), vec!["punctuality"]);
    assert_eq!(
        soft("- Comfortable moving between the phone, a CRM and billing at the same time"),
        vec!["multitasking"]
    );
    assert_eq!(soft("- You can coach a manager"), vec!["coaching"]);
    assert!(soft("- Judgment calls go to the director").is_empty());
}

#[test]
fn written_english_and_double_checks_count() {
    assert_eq!(
        soft("- Clear, friendly written English"),
        vec!["communication"]
    );
    assert_eq!(
        soft("- Excellent written and spoken English"),
        vec!["communication"]
    );
    assert!(soft("- Written English test on day one").is_empty());
    assert_eq!(
        soft("Someone who double-checks a number before it leaves the team."),
        vec!["attention-to-detail"]
    );
    assert_eq!(
        soft("You explain a chart to a branch manager in plain language."),
        vec!["communication"]
    );
}

/// Skill ids of any category the builtin gazetteer finds in `text`, sorted and deduplicated.
fn all_ids(text: &str) -> Vec<String> {
    let mut ids: Vec<String> = Gazetteer::builtin()
        .find(text)
        .into_iter()
        .map(|m| m.skill_id)
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn explaining_to_people_is_communication() {
    assert_eq!(
        soft("- Write release notes and explain trade-offs to product and support staff"),
        vec!["communication"]
    );
    assert_eq!(
        soft("I explain both in plain language to managers."),
        vec!["communication"]
    );
    assert_eq!(
        soft("Known for plain-language explanations of statistics."),
        vec!["communication"]
    );
    assert!(soft("- Explained the variance to 40 accounts in the ledger").is_empty());
}

#[test]
fn workplace_habits_are_soft_skills() {
    assert_eq!(
        soft("- The ability to manage several deadlines at once"),
        vec!["time-management"]
    );
    assert_eq!(
        soft("- You excel at juggling competing deadlines"),
        vec!["time-management"]
    );
    assert_eq!(
        soft("- Keeps employee information confidential"),
        vec!["confidentiality"]
    );
    assert_eq!(
        soft("- You listen before you answer"),
        vec!["active-listening"]
    );
    assert_eq!(
        soft("- Communicates warmly with families"),
        vec!["communication"]
    );
    assert_eq!(
        soft("- Ability to explain findings to clinical leaders"),
        vec!["communication"]
    );
    assert_eq!(
        soft("- Reliable and self-directed: you run your own day"),
        vec!["reliability", "self-motivated"]
    );
    assert!(soft("- Confidential salary review every spring").is_empty());
}

#[test]
fn working_best_in_teams_is_teamwork() {
    assert_eq!(soft("I work best in small teams."), vec!["teamwork"]);
}

#[test]
fn leading_people_is_leadership() {
    assert_eq!(soft("- Led a shift of six cashiers"), vec!["leadership"]);
    assert_eq!(
        soft("- Supervise 45 associates and 3 leads"),
        vec!["leadership"]
    );
    assert_eq!(
        soft("- Manage a five-state territory and four sales reps"),
        vec!["leadership"]
    );
    assert_eq!(
        soft("- Supervised a crew of 5 carpenters on residential jobs"),
        vec!["leadership"]
    );
    assert!(soft("- Lead the pre-shift safety huddle").is_empty());
    assert!(soft("- Managed 40 vendor accounts").is_empty());
}

#[test]
fn writing_described_clear_is_communication() {
    assert_eq!(
        soft("- Clear writing for non-finance audiences"),
        vec!["communication"]
    );
    assert_eq!(soft("Precise in writing."), vec!["communication"]);
    assert!(soft("- Clear writing samples on file in the wiki").is_empty());
}

#[test]
fn reviewing_pull_requests_is_code_review() {
    let ids = |text: &str| all_ids(text).contains(&"code-review".to_string());
    assert!(ids("* Review pull requests on GitHub"));
    assert!(ids("- Reviewed every pull request from the client team"));
    assert!(!ids("- Reviewed quarterly budget requests"));
}

#[test]
fn leading_projects_and_crews_is_leadership() {
    assert_eq!(soft("- Lead eight agents across chat"), vec!["leadership"]);
    assert_eq!(soft("I run a team of eight."), vec!["leadership"]);
    assert_eq!(
        soft("- Led a falls-reduction project on the unit"),
        vec!["leadership"]
    );
    assert_eq!(soft("- Led the recall investigation"), vec!["leadership"]);
    assert!(soft("- Ran the weekly project report").is_empty());
    assert!(soft("- Worked on a migration project").is_empty());
}

#[test]
fn training_people_is_training() {
    assert!(all_ids("- Trained six new hires on the close").contains(&"training".to_string()));
    assert!(all_ids("- Train new Tier 1 agents on API basics").contains(&"training".to_string()));
    assert!(all_ids("- trained 20 staff on it").contains(&"training".to_string()));
    assert!(!all_ids("- Trained models on sales data").contains(&"training".to_string()));
}

#[test]
fn trait_with_people_or_setting_counts() {
    assert_eq!(
        soft("Good with numbers, and patient with employees who worry."),
        vec!["patience"]
    );
    assert_eq!(
        soft("Patient with teenagers, organised with paperwork."),
        vec!["organizational-skills", "patience"]
    );
    assert_eq!(
        soft("Patient, organised, and in touch with families every week."),
        vec!["organizational-skills", "patience"]
    );
    assert_eq!(
        soft("On hold too long. Patient, a good listener, and quick on a keyboard."),
        vec!["active-listening", "patience"]
    );
    assert_eq!(
        soft("Patient on the phone, precise in writing."),
        vec!["communication", "patience"]
    );
    assert_eq!(
        soft("Calm, organised, and persistent on the phone."),
        vec!["organizational-skills"]
    );
    assert_eq!(
        soft("No jargon. Patient, flexible, and steady in a crisis."),
        vec!["adaptability", "patience"]
    );
    assert_eq!(
        soft("You are flexible, creative and a strong collaborator."),
        vec!["adaptability", "creativity", "teamwork"]
    );
    assert_eq!(
        soft("Calm in a code, and known as a steady hand."),
        vec!["resilience"]
    );
    assert_eq!(
        soft("Calm on a busy unit, careful with drips."),
        vec!["attention-to-detail", "resilience"]
    );
    assert_eq!(
        soft("- Resilient and adaptable"),
        vec!["adaptability", "resilience"]
    );
    assert!(
        !soft("- Calm, empathetic de-escalation with frustrated customers")
            .contains(&"resilience".to_string())
    );
    assert!(soft("- Build resilient services on Kubernetes").is_empty());
    assert!(soft("We offer a flexible schedule and paid time off.").is_empty());
    assert!(soft("Rounds every hour. Patient care plans updated daily.").is_empty());
    assert!(soft("Monitored each patient with families present.").is_empty());
    assert!(soft("- Patient with diabetes and hypertension").is_empty());
}

proptest::proptest! {
    #[test]
    fn phrases_stay_on_char_boundaries(
        words in proptest::collection::vec(
            "\\PC{1,6}|Patient|reliable|be|and|communicates|clearly|with|you're|’",
            0..30,
        ),
        gaps in proptest::collection::vec("[ \u{a0}\u{202f}\n\t,;:•–-]{1,3}", 1..30),
    ) {
        let text: String = words.iter().zip(gaps.iter().cycle()).map(|(w, g)| format!("{w}{g}")).collect();
        let gazetteer = Gazetteer::builtin();
        for phrase in super::find(&text, &gazetteer.phrase_rules, &gazetteer.traits) {
            proptest::prop_assert!(phrase.range.start < phrase.range.end);
            proptest::prop_assert!(text.get(phrase.range.clone()).is_some());
        }
    }
}

#[test]
fn trait_describing_thing_is_ignored() {
    assert!(soft("- Patient care for post-operative adults").is_empty());
    assert!(soft("- Patient, family and caregiver education").is_empty());
    assert!(soft("- Patient-facing experience").is_empty());
    assert!(soft("The patient is monitored every hour.").is_empty());
    assert!(soft("- Reliable transportation").is_empty());
    assert!(soft("- Build fast and reliable services.").is_empty());
    assert!(soft("- Organized the annual food drive").is_empty());
    assert!(soft("Our payment systems are reliable.").is_empty());
    assert_eq!(soft("You are reliable."), vec!["reliability"]);
    assert!(soft("Our systems must be reliable.").is_empty());
    assert_eq!(soft("You're patient with learners."), vec!["patience"]);
    assert_eq!(
        soft("- Must be reliable and punctual"),
        vec!["punctuality", "reliability"]
    );
    assert_eq!(
        soft("- Patient, compassionate and organized"),
        vec!["compassion", "organizational-skills", "patience"]
    );
}

#[test]
fn presenting_to_audience() {
    let id = "presentation-skills".to_string();
    assert!(all_ids("- Present quarterly findings to the Board of Health").contains(&id));
    assert!(all_ids("- Presented fixes to the warranty board").contains(&id));
    assert!(all_ids("Gave presentations to clients every month").contains(&id));
    assert!(!all_ids("- Present at every shift change").contains(&id));
    assert!(!all_ids("- Presented with an award in 2021").contains(&id));
}

#[test]
fn training_one_person() {
    let id = "training".to_string();
    assert!(all_ids("- Train the newest apprentice on service calls").contains(&id));
    assert!(all_ids("- Trained one new associate a month").contains(&id));
    assert!(all_ids("- Trained new coders on the codebook").contains(&id));
    assert!(!all_ids("- Trained a model on claims data").contains(&id));
}

#[test]
fn task_verb_phrases() {
    let found = |text: &str, id: &str| all_ids(text).contains(&id.to_string());
    assert!(found(
        "- Cleaned survey files in SAS and R",
        "data-cleaning"
    ));
    assert!(found(
        "- Cleaned and de-duplicated donor lists",
        "data-cleaning"
    ));
    assert!(!found(
        "- Cleaned the loading dock every shift",
        "data-cleaning"
    ));
    assert!(found(
        "- Tuned two slow queries with EXPLAIN",
        "query-optimization"
    ));
    assert!(!found("- Tuned HVAC dampers", "query-optimization"));
    assert!(found(
        "- Investigate harassment and discrimination complaints",
        "workplace-investigations"
    ));
    assert!(!found(
        "- Investigated customer billing complaints",
        "workplace-investigations"
    ));
    assert!(found(
        "- Teach patients and caregivers about insulin",
        "patient-education"
    ));
    assert!(!found(
        "- Teach families about the reading program",
        "patient-education"
    ));
    assert!(found(
        "- Gave influenza and pneumococcal vaccines",
        "immunizations"
    ));
}

#[test]
fn support_and_translation_task_phrases() {
    let found = |text: &str, id: &str| all_ids(text).contains(&id.to_string());
    assert!(found(
        "- Reproduce bugs and file them in Jira",
        "bug-reporting"
    ));
    assert!(found("- Triage bugs to engineering", "bug-reporting"));
    assert!(!found(
        "- Fixed bugs in the billing service",
        "bug-reporting"
    ));
    assert!(found(
        "- Search application logs in Kibana for failed requests",
        "log-analysis"
    ));
    assert!(!found(
        "- Review temperature logs each shift",
        "log-analysis"
    ));
    assert!(found("- Translated at parent conferences", "translation"));
    assert!(!found(
        "- Translated requirements into designs",
        "translation"
    ));
}

#[test]
fn care_and_hr_task_phrases() {
    let found = |text: &str, id: &str| all_ids(text).contains(&id.to_string());
    assert!(found(
        "- Titrate heparin, diltiazem and nitroglycerin drips to protocol",
        "titration-of-drips"
    ));
    assert!(found(
        "- Onboard up to 60 temps for peak season",
        "onboarding"
    ));
    assert!(!found("- Onboard new clients onto the WMS", "onboarding"));
    assert!(found(
        "- Onboard new clients onto the WMS",
        "customer-onboarding"
    ));
}

#[test]
fn trade_and_software_task_phrases() {
    let found = |text: &str, id: &str| all_ids(text).contains(&id.to_string());
    let text = "- Troubleshoot motor controls and basic PLC inputs/outputs";
    assert!(found(text, "plc-troubleshooting"));
    assert!(found(text, "troubleshooting"));
    assert!(found(
        "- Track down faults on ControlLogix PLCs",
        "plc-troubleshooting"
    ));
    assert!(!found(
        "- Troubleshoot thermostats and gas valves",
        "plc-troubleshooting"
    ));
    assert!(found("- Test API calls in Postman", "api-testing"));
    let text = "- Work with merchandising and finance stakeholders to agree metric definitions";
    assert!(found(text, "stakeholder-management"));
    assert!(!found(
        "- Sent weekly notes to stakeholders",
        "stakeholder-management"
    ));
}

#[test]
fn named_team_is_teamwork() {
    let id = "teamwork".to_string();
    assert!(all_ids("- Worked with the controls team on steering").contains(&id));
    assert!(all_ids("- Part of the R-454B transition team").contains(&id));
    assert!(all_ids("Tier 2 PBIS team member").contains(&id));
    assert!(!all_ids("- Led a team of six").contains(&id));
}

#[test]
fn training_workers_or_session() {
    let id = "training".to_string();
    assert!(all_ids("- Train apprentices on meters and conduit bending").contains(&id));
    assert!(all_ids("- Ran the lab's training for new technicians").contains(&id));
    assert!(all_ids("- Run the Tuesday training call for new Tier 1 agents").contains(&id));
    assert!(!all_ids("- Trained models for new analysts to use").contains(&id));
    assert!(!all_ids("- Wrote the model training pipeline for fraud scores").contains(&id));
}

#[test]
fn coaching_people_or_a_team_is_coaching() {
    assert_eq!(
        soft("- Coach taproom managers on documentation"),
        vec!["coaching"]
    );
    assert_eq!(soft("- Coach four Tier 1 agents weekly"), vec!["coaching"]);
    assert!(soft("Head coach of the Science Olympiad team").contains(&"coaching".to_string()));
    assert!(soft("- Booked coach travel for the sales kickoff").is_empty());
}

#[test]
fn careful_with_is_attention_to_detail() {
    assert_eq!(
        soft("Quick with spreadsheets, careful with reconciliations."),
        vec!["attention-to-detail"]
    );
    assert!(soft("- Be careful.").is_empty());
}

#[test]
fn presenting_to_a_panel_or_an_executive() {
    let id = "presentation-skills".to_string();
    assert!(soft("- Presented the results to a panel of three retailers").contains(&id));
    assert!(soft("- Present the quarterly business review to the VP of Sales").contains(&id));
}

#[test]
fn teamwork_from_project_team() {
    let id = "teamwork".to_string();
    assert!(soft("Senior design: absorption chiller prototype (team of four, 2017)").contains(&id));
    assert!(soft("Campus Eats - team of four; Node.js API").contains(&id));
    assert!(!soft("- Lead a team of eight agents").contains(&id));
}

#[test]
fn owning_work_end_to_end_is_accountability() {
    let id = "accountability".to_string();
    assert!(soft("- Own services end to end: design docs, code, tests").contains(&id));
    assert!(soft("- Ownership of what you ship, including the pager").contains(&id));
    assert!(soft("You develop people and hold the team accountable").contains(&id));
    assert!(!soft("- Owned a small bakery for two years").contains(&id));
}

#[test]
fn staying_organised_is_organizational_skills() {
    let id = "organizational-skills".to_string();
    assert!(soft("- You stay organised when everything lands at once").contains(&id));
    assert!(soft("- Organized and able to juggle many open items").contains(&id));
    assert!(soft("- Strong organization and the ability to meet deadlines").contains(&id));
    let reliability = "reliability".to_string();
    assert!(soft("- Friendly, punctual and dependable").contains(&reliability));
    assert!(!soft("- Dependable backups for every store").contains(&reliability));
}

#[test]
fn segmenting_customers_is_customer_segmentation() {
    let id = "customer-segmentation".to_string();
    assert!(all_ids("- I segment the list by store region and product interest").contains(&id));
    assert!(all_ids("- Segment customers by visit frequency and basket size").contains(&id));
    assert!(!all_ids("- Segment the warehouse floor into pick zones").contains(&id));
}

#[test]
fn capital_ada_is_the_disabilities_act() {
    let ids = all_ids("- Knowledge of FMLA, ADA and FLSA");
    assert!(ids.contains(&"ada-accommodations".to_string()), "{ids:?}");
    assert!(!ids.contains(&"ada".to_string()), "{ids:?}");
    let ids = all_ids("- Wrote avionics software in Ada and C");
    assert!(!ids.contains(&"ada-accommodations".to_string()), "{ids:?}");
}

#[test]
fn urgency_instructions_and_accountability_are_soft_skills() {
    assert_eq!(soft("- A sense of urgency"), vec!["sense-of-urgency"]);
    assert_eq!(
        soft("- Follow instructions and safety procedures"),
        vec!["following-instructions"]
    );
    assert_eq!(soft("- Accountable for your work"), vec!["accountability"]);
    assert_eq!(
        soft("- Ability to influence stakeholders"),
        vec!["stakeholder-management"]
    );
}
