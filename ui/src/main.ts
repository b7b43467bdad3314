import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { dutchValidity } from "./lib/validity";

dutchValidity(document);

const target = document.getElementById("app");
if (!target) throw new Error("#app ontbreekt in index.html");
export default mount(App, { target });
