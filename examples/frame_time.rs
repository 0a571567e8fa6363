use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use rapport::app::{AppOptions, RapportApp};
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let t = Instant::now();
    let app = RapportApp::new(AppOptions {
        file: Some(path.into()),
        ..AppOptions::default()
    });
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .build_ui_state(|ui, app: &mut RapportApp| app.ui_main(ui), app);
    h.step();
    let ctx = h.ctx.clone();
    h.state_mut().finish_background_work(&ctx);
    println!("load {:?}", t.elapsed());
    let t = Instant::now();
    h.step();
    println!("first frame after load {:?}", t.elapsed());
    let t = Instant::now();
    for _ in 0..20 {
        h.step();
    }
    println!("steady frame {:?}", t.elapsed() / 20);
    let row = h
        .get_all_by_role(Role::Button)
        .find(|n| n.rect().min.x < 300.0 && n.rect().min.y > 200.0)
        .unwrap();
    row.click();
    let t = Instant::now();
    h.step();
    println!("select frame {:?}", t.elapsed());
    let t = Instant::now();
    for _ in 0..20 {
        h.step();
    }
    println!("steady frame with detail {:?}", t.elapsed() / 20);
    h.get_by_role_and_label(Role::TextInput, "Search").focus();
    h.step();
    for (i, ch) in ["m", "a", "r"].iter().enumerate() {
        h.get_by_role_and_label(Role::TextInput, "Search")
            .type_text(ch);
        let t = Instant::now();
        h.step();
        println!("search keystroke {i} {:?}", t.elapsed());
    }
    let t = Instant::now();
    for _ in 0..20 {
        h.step();
    }
    println!("steady frame with search {:?}", t.elapsed() / 20);
    h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::L);
    h.step();
    h.get_by_role_and_label(Role::TextInput, "Summary").focus();
    h.step();
    h.get_by_role_and_label(Role::TextInput, "Summary")
        .type_text("x");
    h.step();
    h.key_press(eframe::egui::Key::Enter);
    let t = Instant::now();
    h.step();
    println!("log interaction frame {:?}", t.elapsed());
    h.step();
    h.step();
    h.key_press_modifiers(eframe::egui::Modifiers::COMMAND, eframe::egui::Key::Z);
    let t = Instant::now();
    h.step();
    println!("undo frame {:?}", t.elapsed());
    println!("interactions {}", h.state().data().interactions().len());
    h.key_press_modifiers(
        eframe::egui::Modifiers::COMMAND | eframe::egui::Modifiers::SHIFT,
        eframe::egui::Key::S,
    );
    let t = Instant::now();
    h.step();
    println!("save-as frame (dialog cancelled) {:?}", t.elapsed());
}
